import { z } from 'zod';

/**
 * Shopify's fragment of the configuration (composed by app/env.server.ts). Since 1 January 2026 a
 * store makes its apps in the Dev Dashboard, which gives a client id and secret, and the portal
 * asks for 24-hour Admin API tokens by the client credentials grant. Custom apps made earlier in
 * the store admin keep their fixed token (`shpat_…`) and API secret.
 */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export const ShopifyEnvShape = {
  SHOPIFY_SHOP_DOMAIN: z.string().regex(SHOP_DOMAIN, 'must look like your-store.myshopify.com').optional(),
  SHOPIFY_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{16,64}$/, "must be the Client ID shown in the app's Settings in the Dev Dashboard")
    .optional(),
  SHOPIFY_CLIENT_SECRET: z.string().min(16, "must be the Secret shown in the app's Settings in the Dev Dashboard").optional(),
  SHOPIFY_ADMIN_TOKEN: z
    .string()
    .regex(/^shp[a-z]{2}_[A-Za-z0-9]+$/, 'must be an Admin API access token (shpat_…)')
    .optional(),
  SHOPIFY_API_SECRET: z.string().min(16, 'must be the app API secret key').optional(),
  SANDBOX_SHOPIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
};

type ShopifyEnv = { COMPTOIR_MODE: 'sandbox' | 'live' } & z.infer<z.ZodObject<typeof ShopifyEnvShape>>;

/** How the portal gets its Admin API token: the client credentials grant, or a legacy custom app's fixed token. */
export type ShopifyAuth =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'admin-token'; adminToken: string };

/** The demo store and its app, as the Dev Dashboard would show them; they unlock nothing outside loopback. */
export const SANDBOX_SHOP_DOMAIN = 'comptoir-demo.myshopify.com';
export const SANDBOX_CLIENT_ID = 'c0a1b2c3d4e5f60718293a4b5c6d7e8f';
export const SANDBOX_CLIENT_SECRET = 'shpss_sandbox-client-secret-not-for-production';
export const SANDBOX_SHOPIFY_AUTH: ShopifyAuth = { kind: 'client-credentials', clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };

const EITHER_PAIR =
  'set SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET (an app from the Dev Dashboard), or SHOPIFY_ADMIN_TOKEN and SHOPIFY_API_SECRET (a legacy custom app)';

/**
 * Credentials come in pairs. A half pair is refused in any mode; live mode needs one whole pair,
 * and only one, so which credentials the portal uses is never a guess.
 */
export function checkShopifyCredentials(env: ShopifyEnv, ctx: z.RefinementCtx): void {
  const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  const client = Boolean(env.SHOPIFY_CLIENT_ID || env.SHOPIFY_CLIENT_SECRET);
  if (env.SHOPIFY_CLIENT_ID && !env.SHOPIFY_CLIENT_SECRET) issue('SHOPIFY_CLIENT_SECRET', 'is required with SHOPIFY_CLIENT_ID');
  if (env.SHOPIFY_CLIENT_SECRET && !env.SHOPIFY_CLIENT_ID) issue('SHOPIFY_CLIENT_ID', 'is required with SHOPIFY_CLIENT_SECRET');
  if (client && env.SHOPIFY_ADMIN_TOKEN) {
    issue('SHOPIFY_ADMIN_TOKEN', 'cannot be combined with SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET: remove one of the two ways');
    return;
  }
  if (env.COMPTOIR_MODE !== 'live' || client) return;
  if (env.SHOPIFY_ADMIN_TOKEN && !env.SHOPIFY_API_SECRET) issue('SHOPIFY_API_SECRET', 'is required with SHOPIFY_ADMIN_TOKEN (it verifies webhooks)');
  else if (!env.SHOPIFY_ADMIN_TOKEN && env.SHOPIFY_API_SECRET) issue('SHOPIFY_ADMIN_TOKEN', `is required with SHOPIFY_API_SECRET; or ${EITHER_PAIR}`);
  else if (!env.SHOPIFY_ADMIN_TOKEN) issue('SHOPIFY_CLIENT_ID', `live mode needs Shopify credentials: ${EITHER_PAIR}`);
}

function toShopifyAuth(env: ShopifyEnv): ShopifyAuth {
  if (env.SHOPIFY_CLIENT_ID && env.SHOPIFY_CLIENT_SECRET) {
    return { kind: 'client-credentials', clientId: env.SHOPIFY_CLIENT_ID, clientSecret: env.SHOPIFY_CLIENT_SECRET };
  }
  // Without a client pair, live mode has an admin token (checked above); the sandbox may have neither.
  return env.SHOPIFY_ADMIN_TOKEN ? { kind: 'admin-token', adminToken: env.SHOPIFY_ADMIN_TOKEN } : SANDBOX_SHOPIFY_AUTH;
}

export type ShopifyConfig = {
  shopDomain: string;
  auth: ShopifyAuth;
  /** The key Shopify signs webhooks with: the app's client secret, or a legacy custom app's API secret. */
  apiSecret: string;
  /** Where Shopify calls really go in sandbox mode; `undefined` means the emulator mounted in-process. */
  sandboxUrl: string | undefined;
};

/** Shopify's part of the config, from an environment `checkShopifyCredentials` accepted. */
export function toShopifyConfig(env: ShopifyEnv): ShopifyConfig {
  const sandbox = env.COMPTOIR_MODE === 'sandbox';
  return {
    shopDomain: env.SHOPIFY_SHOP_DOMAIN ?? SANDBOX_SHOP_DOMAIN,
    auth: toShopifyAuth(env),
    apiSecret: sandbox
      ? (env.SHOPIFY_API_SECRET ?? SANDBOX_CLIENT_SECRET)
      : (env.SHOPIFY_CLIENT_SECRET ?? env.SHOPIFY_API_SECRET ?? ''),
    sandboxUrl: env.SANDBOX_SHOPIFY_URL,
  };
}
