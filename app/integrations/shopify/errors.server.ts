import {
  GraphqlQueryError,
  HttpMaxRetriesError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
} from '@shopify/shopify-api';
import { z } from 'zod';
import { isUpstreamError, UpstreamError } from '~/utils/upstream-error';

export const ThrottleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof ThrottleStatusSchema>;

export const CostSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable(),
  throttleStatus: ThrottleStatusSchema,
});

const ExtensionsSchema = z.object({ cost: CostSchema }).partial();
const GraphqlErrorBodySchema = z.object({
  errors: z.object({
    graphQLErrors: z.array(z.object({ extensions: z.object({ code: z.string() }).partial().optional() })).optional(),
  }),
  extensions: ExtensionsSchema.optional(),
});

export const readCost = (extensions: unknown) => ExtensionsSchema.safeParse(extensions).data?.cost ?? null;

/** Turns whatever @shopify/shopify-api threw into our one typed upstream error. */
export function toUpstreamError(error: unknown): UpstreamError {
  if (isUpstreamError(error)) return error;
  if (error instanceof GraphqlQueryError) {
    const body = GraphqlErrorBodySchema.safeParse(error.body).data;
    const code = body?.errors.graphQLErrors?.[0]?.extensions?.code ?? 'GRAPHQL_ERROR';
    const cost = body?.extensions?.cost;
    const retryAfterSeconds =
      code === 'THROTTLED' && cost
        ? Math.ceil(Math.max(0, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) / cost.throttleStatus.restoreRate)
        : null;
    const retryable = code === 'THROTTLED' || code === 'INTERNAL_SERVER_ERROR';
    return new UpstreamError({ service: 'shopify', status: 200, code, retryable, retryAfterSeconds, cause: error });
  }
  if (error instanceof HttpThrottlingError || error instanceof HttpMaxRetriesError) {
    const retryAfter = error instanceof HttpThrottlingError ? Number(error.response.retryAfter ?? 1) : 1;
    return new UpstreamError({ service: 'shopify', status: 429, code: 'HTTP_429', retryable: true, retryAfterSeconds: retryAfter, cause: error });
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    return new UpstreamError({ service: 'shopify', status, code: `HTTP_${status}`, retryable: status >= 500, cause: error });
  }
  if (error instanceof HttpRequestError) {
    return new UpstreamError({ service: 'shopify', status: null, code: 'NETWORK', retryable: true, cause: error });
  }
  return new UpstreamError({ service: 'shopify', status: null, code: 'UNEXPECTED', retryable: false, cause: error });
}

/** The token endpoint's OAuth error body, e.g. `{"error":"invalid_client","error_description":"…"}`. */
const OAuthErrorSchema = z.object({ error: z.string().regex(/^[a-z_]{1,64}$/) });

/**
 * Turns a failed client credentials grant into our typed error: a refusal (4xx: wrong client id or
 * secret, app not installed) is `TOKEN_<OAUTH ERROR>` and not retryable; Shopify down or
 * unreachable is retryable.
 */
export function toTokenError(error: unknown): UpstreamError {
  if (isUpstreamError(error)) return error;
  if (error instanceof HttpResponseError && error.response.code < 500 && error.response.code !== 429) {
    const status = error.response.code;
    const oauthError = OAuthErrorSchema.safeParse(error.response.body).data?.error ?? `http_${status}`;
    return new UpstreamError({ service: 'shopify', status, code: `TOKEN_${oauthError.toUpperCase()}`, retryable: false, cause: error });
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    return new UpstreamError({ service: 'shopify', status, code: `TOKEN_HTTP_${status}`, retryable: true, cause: error });
  }
  // No answer at all, or one that is not JSON (a proxy's error page): worth another try later.
  return new UpstreamError({ service: 'shopify', status: null, code: 'TOKEN_UNREACHABLE', retryable: true, cause: error });
}
