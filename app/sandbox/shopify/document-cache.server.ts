import { LRUCache } from 'lru-cache';
import { GraphQLError, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { toParseError, toValidationErrors, type ShopifyGraphqlError } from './graphql-errors.server';

export type PreparedDocument =
  | {
      ok: true;
      document: DocumentNode;
      fragments: Record<string, FragmentDefinitionNode>;
      /** Requested cost per operation name + variables: page sizes often come from variables. */
      costs: LRUCache<string, number>;
    }
  | { ok: false; errors: ShopifyGraphqlError[] };

/**
 * Parses and validates each distinct query text once. The portal sends the same few documents,
 * and validating against the 11 MB Admin schema is the expensive step of a request.
 */
export function createDocumentCache(schema: GraphQLSchema, max = 200) {
  const cache = new LRUCache<string, PreparedDocument>({ max });
  return {
    prepare(query: string): PreparedDocument {
      const hit = cache.get(query);
      if (hit) return hit;
      let prepared: PreparedDocument;
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        if (errors.length) {
          prepared = { ok: false, errors: toValidationErrors(errors) };
        } else {
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          prepared = { ok: true, document, fragments, costs: new LRUCache({ max: 64 }) };
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        prepared = { ok: false, errors: [toParseError(error)] };
      }
      cache.set(query, prepared);
      return prepared;
    },
  };
}

export type DocumentCache = ReturnType<typeof createDocumentCache>;
