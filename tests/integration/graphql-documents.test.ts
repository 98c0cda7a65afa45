import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TypeInfo, validate, visit, visitWithTypeInfo, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdminSchema } from '~/sandbox/shopify/schema.server';

/**
 * Every Admin API document the portal sends, checked against Shopify's real 2026-10 schema:
 * a field Shopify does not have, a wrong argument or a deprecated field fails here, not in a
 * merchant's store.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

async function collectDocuments() {
  const documents: { file: string; name: string; text: string }[] = [];
  for (const file of sourceFiles('app').filter((f) => readFileSync(f, 'utf8').includes('#graphql'))) {
    const module = (await import(/* @vite-ignore */ `~/${relative('app', file).replace(/\.tsx?$/, '')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'string' && value.trimStart().startsWith('#graphql')) documents.push({ file, name, text: value });
    }
  }
  return documents;
}

function deprecatedUses(schema: GraphQLSchema, text: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const found: string[] = [];
  visit(
    parse(text),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        if (field?.deprecationReason) found.push(`${typeInfo.getParentType()?.name}.${field.name}`);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        if (argument?.deprecationReason) found.push(`argument ${argument.name}`);
      },
    }),
  );
  return found;
}

describe('GraphQL documents in app/', async () => {
  const documents = await collectDocuments();
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = loadAdminSchema();
  });

  it('finds the documents the portal sends', () => {
    expect(documents.map((d) => d.name)).toEqual(expect.arrayContaining(['ORDER_LOOKUP_QUERY', 'ORDER_BY_ID_QUERY']));
  });

  it.each(documents.map((d) => [`${d.file} ${d.name}`, d] as const))('%s is valid against the 2026-10 Admin schema', (_, document) => {
    expect(validate(schema, parse(document.text)).map((error) => error.message)).toEqual([]);
    expect(deprecatedUses(schema, document.text)).toEqual([]);
  });

  it('names every operation uniquely with the Comptoir prefix', () => {
    const names = documents.flatMap((d) =>
      parse(d.text).definitions.filter((def): def is OperationDefinitionNode => def.kind === 'OperationDefinition').map((op) => op.name?.value ?? '(anonymous)'),
    );
    expect(names.every((name) => /^Comptoir[A-Z]/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
