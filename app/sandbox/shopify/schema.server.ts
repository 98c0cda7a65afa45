import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

const SCHEMA_PATH = join('.cache', 'shopify', 'admin_2026-10.json.gz');

let memo: GraphQLSchema | undefined;

/**
 * The real Shopify Admin 2026-10 schema, built once per process from the introspection JSON that
 * `npm install` caches (11 MB, so never rebuild it per emulator or per request).
 */
export function loadAdminSchema(): GraphQLSchema {
  if (memo) return memo;
  const file = join(process.cwd(), SCHEMA_PATH);
  if (!existsSync(file)) {
    throw new Error(
      `Shopify Admin schema not found at ${file}. Run \`npm install\` from the repository root: ` +
        'its postinstall step (scripts/fetch-shopify-schema.mjs) downloads and verifies it.',
    );
  }
  const json = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data?: IntrospectionQuery };
  if (!json.data) throw new Error(`${file} is not an introspection result (no "data" key).`);
  memo = buildClientSchema(json.data, { assumeValid: true });
  return memo;
}
