import { randomUUID } from 'node:crypto';
import { execute, getOperationAST, getVariableValues, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { INVALID_TOKEN_BODY, type AccessTokens } from './access-tokens.server';
import type { Control } from './control.server';
import type { DocumentCache } from './document-cache.server';
import { fieldResolver, type ExecutionContext, type RootResolver } from './field-resolver.server';
import { toExecutionError, toVariableErrors } from './graphql-errors.server';
import type { LeakyBucket, ThrottleStatus } from './leaky-bucket.server';
import { computeRequestedCost } from './query-cost.server';
import { json } from './responses.server';

export const MAX_QUERY_COST = 1000;
const RATE_LIMITS_DOC = 'https://shopify.dev/api/usage/rate-limits';

const BodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

export type GraphqlEndpoint = {
  schema: GraphQLSchema;
  tokens: AccessTokens;
  documents: DocumentCache;
  bucket: LeakyBucket;
  control: Control;
  queryRoot: Record<string, RootResolver>;
  mutationRoot: Record<string, RootResolver>;
  publicUrl: string | undefined;
};

const costExtension = (requested: number, actual: number | null, throttleStatus: ThrottleStatus) => ({
  cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus },
});

function throttled(requested: number, status: ThrottleStatus, headers: Record<string, string>): Response {
  return json({
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMITS_DOC } }],
    extensions: costExtension(requested, null, status),
  }, 200, headers);
}

/** Shopify's single-query limit error, as measured: cost details on the error, no top-level extensions. */
function maxCostExceeded(requested: number, headers: Record<string, string>): Response {
  const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\n` +
    'See https://shopify.dev/docs/api/usage/rate-limits for more information on how the\ncost of a query is calculated.\n\n' +
    'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
    'See https://shopify.dev/docs/api/usage/bulk-operations/queries for usage details.\n';
  return json({
    errors: [{ message, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST, documentation: RATE_LIMITS_DOC } }],
  }, 200, headers);
}

/** `POST /admin/api/:version/graphql.json`: auth, faults, validation, cost, bucket, execution. */
export async function handleGraphql(request: Request, version: string, endpoint: GraphqlEndpoint): Promise<Response> {
  const { schema, control, bucket } = endpoint;
  const headers = { 'X-Shopify-API-Version': version, 'X-Request-Id': randomUUID() };
  if (!endpoint.tokens.accepts(request.headers.get('X-Shopify-Access-Token'))) {
    control.countUnauthorized();
    return json(INVALID_TOKEN_BODY, 401, headers);
  }
  control.countRequest();
  await control.delay();
  const httpFault = control.takeFault(['http429', 'http500']);
  if (httpFault === 'http429') {
    return json({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, 429, { ...headers, 'Retry-After': '1' });
  }
  if (httpFault === 'http500') return json({ errors: 'Internal Server Error' }, 500, headers);

  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    raw = null;
  }
  const body = BodySchema.safeParse(raw);
  if (!body.success) return json({ errors: { query: 'Required parameter missing or invalid' } }, 400, headers);

  const prepared = endpoint.documents.prepare(body.data.query);
  if (!prepared.ok) return json({ errors: prepared.errors }, 200, headers);
  const operationName = body.data.operationName ?? undefined;
  const operation = getOperationAST(prepared.document, operationName);
  if (!operation) {
    const message = operationName ? `No operation named "${operationName}"` : 'An operation name is required';
    return json({ errors: [{ message }] }, 200, headers);
  }
  const variables = body.data.variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return json({ errors: toVariableErrors(coerced.errors, operation) }, 200, headers);

  const costKey = `${operation.name?.value ?? ''}|${JSON.stringify(coerced.coerced)}`;
  let requested = prepared.costs.get(costKey);
  if (requested === undefined) {
    requested = computeRequestedCost(schema, operation, prepared.fragments, coerced.coerced);
    prepared.costs.set(costKey, requested);
  }
  control.countOperation(operation.name?.value ?? 'anonymous', requested);
  if (requested > MAX_QUERY_COST) return maxCostExceeded(requested, headers);
  if (control.takeFault(['throttled'])) {
    return throttled(requested, { ...bucket.status(), currentlyAvailable: 0 }, headers);
  }
  if (!bucket.tryTake(requested)) {
    control.countThrottled();
    return throttled(requested, bucket.status(), headers);
  }

  const context: ExecutionContext = {
    queryRoot: endpoint.queryRoot,
    mutationRoot: endpoint.mutationRoot,
    baseUrl: endpoint.publicUrl ?? new URL(request.url).origin,
    actualCost: 0,
    searchWarnings: [],
  };
  const result = await execute({
    schema, document: prepared.document, operationName, variableValues: variables, contextValue: context, fieldResolver,
  });
  const actual = Math.min(context.actualCost, requested);
  bucket.refund(requested - actual);
  return json({
    ...(result.errors?.length ? { errors: result.errors.map(toExecutionError) } : {}),
    data: result.data ?? null,
    extensions: {
      ...costExtension(requested, actual, bucket.status()),
      ...(context.searchWarnings.length ? { search: context.searchWarnings } : {}),
    },
  }, 200, headers);
}
