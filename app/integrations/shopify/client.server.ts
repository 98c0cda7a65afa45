import '@shopify/shopify-api/adapters/node';
import { ApiVersion, HttpResponseError, LogSeverity, Session, shopifyApi } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import { log } from '~/utils/log.server';
import { createFixedTokenSource, createGrantedTokenSource, type AccessTokenSource } from './access-token.server';
import type { ShopifyConfig } from './env.server';
import { toTokenError } from './errors.server';

/** The one Admin API version Comptoir speaks. */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

export type ShopifyClientConfig = Pick<ShopifyConfig, 'shopDomain' | 'auth' | 'apiSecret'> & {
  /** Sandbox only: where calls to `shopDomain` really go (the emulator on loopback). */
  sandboxUrl?: string;
  /** The clock tokens are timed on; tests move it instead of waiting. */
  clock?: () => Date;
};

/**
 * shopify-api always calls https://<shop>/admin/…, whatever the configuration. In sandbox mode
 * we keep a real-looking *.myshopify.com shop and swap the library's fetch, so every request — the
 * token grant too — still goes through the library and over HTTP; only its destination changes.
 */
const sandboxRoutes = new Map<string, string>();
const realFetch = globalThis.fetch;
setAbstractFetchFunc(async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const target = sandboxRoutes.get(url.hostname);
  return target ? realFetch(new URL(`${url.pathname}${url.search}`, target), init) : realFetch(input, init);
});

export type ShopifyGraphqlClient = {
  request(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; extensions: unknown }>;
};

/** What we need of the session the library builds from the token response. */
const GrantedSessionSchema = z.object({ accessToken: z.string().min(1), expires: z.date().optional() });

// The library's own logs may echo request details; we log our own lines instead.
const quietLogger = { level: LogSeverity.Error, log: async () => {} };

/** The library instance for these credentials, and where each call's token comes from. */
function createLibrary(config: ShopifyClientConfig) {
  const common = { apiVersion: SHOPIFY_API_VERSION, hostName: 'localhost', isEmbeddedApp: false, logger: quietLogger };
  if (config.auth.kind === 'admin-token') {
    const shopify = shopifyApi({ ...common, apiSecretKey: config.apiSecret, adminApiAccessToken: config.auth.adminToken, isCustomStoreApp: true });
    return { shopify, tokens: createFixedTokenSource(config.auth.adminToken) };
  }
  const { clientId, clientSecret } = config.auth;
  const shopify = shopifyApi({ ...common, apiKey: clientId, apiSecretKey: clientSecret, isCustomStoreApp: false });
  const tokens = createGrantedTokenSource({
    shop: config.shopDomain,
    clock: config.clock,
    async grant() {
      try {
        const { session } = await askOnceMore(() => shopify.auth.clientCredentials({ shop: config.shopDomain }));
        const granted = GrantedSessionSchema.safeParse(session);
        if (!granted.success) {
          throw new UpstreamError({ service: 'shopify', status: 200, code: 'TOKEN_UNEXPECTED_SHAPE', retryable: false, cause: granted.error });
        }
        const { accessToken, expires } = granted.data;
        // The library turns `expires_in` into a date on the wall clock; we keep the lifetime it means.
        return { value: accessToken, lifetimeMs: expires ? expires.getTime() - Date.now() : null };
      } catch (error) {
        const failure = toTokenError(error);
        log.error('shopify.token_refused', {
          shop: config.shopDomain,
          status: failure.status,
          code: failure.code,
          hint: failure.retryable
            ? 'Shopify did not answer the token request; calls will try again'
            : 'check SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET, and that the app is installed on this store',
        });
        throw failure;
      }
    },
  });
  return { shopify, tokens };
}

/**
 * A token request is safe to repeat, so one whose connection dropped before any answer (a kept-alive
 * socket the other end had just closed: ECONNRESET) is sent again at once instead of failing the
 * shopper's page. A real answer, even a refusal, is never repeated here.
 */
async function askOnceMore<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (!isDroppedConnection(error)) throw error;
    return ask();
  }
}

const isDroppedConnection = (error: unknown) =>
  error instanceof TypeError && /ECONNRESET|EPIPE|socket|other side closed/i.test(String((error as { cause?: unknown }).cause ?? ''));

const isUnauthorized = (error: unknown) => error instanceof HttpResponseError && error.response.code === 401;

/**
 * Builds the Admin GraphQL client through @shopify/shopify-api: with a Dev Dashboard app's client
 * credentials (tokens granted, renewed before they expire), or a legacy custom app's fixed token.
 * A 401 renews the token once and retries the call once; a second 401 is the caller's error.
 */
export function createShopifyGraphqlClient(config: ShopifyClientConfig): ShopifyGraphqlClient {
  if (config.sandboxUrl) sandboxRoutes.set(config.shopDomain, config.sandboxUrl);
  const { shopify, tokens } = createLibrary(config);
  let last: { token: string; client: InstanceType<typeof shopify.clients.Graphql> } | null = null;

  const clientFor = (token: string) => {
    if (last?.token !== token) {
      const session = new Session({ id: `offline_${config.shopDomain}`, shop: config.shopDomain, state: '', isOnline: false, accessToken: token });
      last = { token, client: new shopify.clients.Graphql({ session }) };
    }
    return last.client;
  };
  const send = async (token: string, query: string, variables: Record<string, unknown>) => {
    const response = await clientFor(token).request(query, { variables, retries: 0 });
    return { data: response.data, extensions: response.extensions };
  };

  return {
    async request(query, variables) {
      const token = await tokens.current();
      try {
        return await send(token, query, variables);
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        const fresh = await renewOnce(tokens, token, config.shopDomain);
        if (!fresh) throw error;
        return send(fresh, query, variables);
      }
    },
  };
}

async function renewOnce(tokens: AccessTokenSource, rejected: string, shop: string): Promise<string | null> {
  const fresh = await tokens.renewAfterRejection(rejected);
  if (fresh) log.warn('shopify.token_rejected', { shop, reason: 'Shopify answered 401; the call is retried once with a fresh token' });
  return fresh;
}
