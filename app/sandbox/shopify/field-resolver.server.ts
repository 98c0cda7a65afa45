import {
  getNamedType, getNullableType, GraphQLError, isCompositeType, isListType, isNonNullType, isObjectType,
  type GraphQLFieldResolver, type GraphQLResolveInfo,
} from 'graphql';
import { isConnectionType, toConnection, type PageArgs } from './connections.server';
import { MUTATION_COST } from './query-cost.server';

/** A root field: reads the seed and returns GraphQL-shaped plain data. */
export type RootResolver = (args: Record<string, unknown>, context: ExecutionContext, info: GraphQLResolveInfo) => unknown;

export type SearchExtension = { path: Array<string | number>; query: string; warnings: Array<{ field: string; message: string }> };

/** Per-request state shared by every resolver of one execution. */
export type ExecutionContext = {
  queryRoot: Record<string, RootResolver>;
  mutationRoot: Record<string, RootResolver>;
  /** Origin for relative URLs in the seed (product pictures served by the emulator). */
  baseUrl: string;
  /** Cost of what was actually returned, counted as execution goes (objects 1, connections 2). */
  actualCost: number;
  searchWarnings: SearchExtension[];
};

function isEdgeType(info: GraphQLResolveInfo): boolean {
  const parent = info.parentType;
  return parent.name.endsWith('Edge') && 'cursor' in parent.getFields() && 'node' in parent.getFields();
}

function readRoot(args: Record<string, unknown>, context: ExecutionContext, info: GraphQLResolveInfo): unknown {
  const isMutation = info.parentType === info.schema.getMutationType();
  const resolver = (isMutation ? context.mutationRoot : context.queryRoot)[info.fieldName];
  if (!resolver) {
    throw new GraphQLError(
      `${isMutation ? 'Mutation' : 'Query field'} '${info.fieldName}' is not supported by the Comptoir sandbox Shopify emulator`,
      { extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } },
    );
  }
  if (isMutation) context.actualCost += MUTATION_COST;
  return resolver(args, context, info);
}

/** Reads plain seed data; a non-null field the seed does not model is an error, never a silent null. */
function readField(source: unknown, info: GraphQLResolveInfo): unknown {
  const value = (source as Record<string, unknown> | null)?.[info.fieldName];
  if (value !== undefined) return value;
  if (isNonNullType(info.returnType)) {
    throw new GraphQLError(
      `Field '${info.parentType.name}.${info.fieldName}' is not modelled by the Comptoir sandbox Shopify emulator`,
      { extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } },
    );
  }
  return null;
}

/**
 * The one resolver for the whole Admin schema: turns seed arrays into connections or `first`-sliced
 * lists according to the schema's return type, absolutises sandbox URLs and counts actual cost.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, ExecutionContext> = (source, args, context, info) => {
  const isRoot = info.parentType === info.schema.getQueryType() || info.parentType === info.schema.getMutationType();
  const value = isRoot ? readRoot(args, context, info) : readField(source, info);
  const named = getNamedType(info.returnType);
  const nullable = getNullableType(info.returnType);

  if (isConnectionType(named)) {
    if (!Array.isArray(value)) throw new GraphQLError(`Emulator data for '${info.parentType.name}.${info.fieldName}' is not a list`);
    context.actualCost += 2;
    return toConnection(value, args as PageArgs);
  }
  if (isObjectType(info.parentType) && isConnectionType(info.parentType)) {
    // Edges and page info are part of the connection's own cost; each node costs one object.
    if (info.fieldName === 'nodes' && Array.isArray(value)) context.actualCost += value.length;
    return value;
  }
  if (isEdgeType(info) && info.fieldName === 'node') {
    context.actualCost += 1;
    return value;
  }
  if (isListType(nullable) && Array.isArray(value)) {
    const first = (args as { first?: unknown }).first;
    const list = typeof first === 'number' ? value.slice(0, first) : value;
    if (isCompositeType(named)) context.actualCost += list.filter((item) => item != null).length;
    return list;
  }
  if (isCompositeType(named)) {
    if (value != null && !(isRoot && info.parentType === info.schema.getMutationType())) context.actualCost += 1;
    return value;
  }
  if (named.name === 'URL' && typeof value === 'string' && value.startsWith('/')) return `${context.baseUrl}${value}`;
  return value;
};
