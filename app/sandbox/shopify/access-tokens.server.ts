import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { json } from './responses.server';

/** What the sandbox app was granted: the scopes the portal's documents need (see the README). */
export const SANDBOX_APP_SCOPES = 'read_orders,read_all_orders,write_orders,read_fulfillments,read_returns,write_returns,read_products,write_merchant_managed_fulfillment_orders';

/** Shopify's 401 body for a missing, unknown, expired or revoked token. */
export const INVALID_TOKEN_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

export type AppCredentials = { clientId: string; clientSecret: string };

const TokenRequestSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  grant_type: z.string().min(1),
});

/*
 * Error bodies are OAuth 2.0's `{error, error_description}`, as Shopify's token endpoint answers
 * and as @shopify/shopify-api's own tests expect for a wrong secret (400, `invalid_client`).
 */
const oauthError = (error: string, description: string, status = 400) => json({ error, error_description: description }, status);

async function readTokenRequest(request: Request): Promise<unknown> {
  const text = await request.text();
  // Shopify takes the grant as JSON (what @shopify/shopify-api sends) or as a form (what its docs show).
  if ((request.headers.get('Content-Type') ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The Admin API's tokens: a legacy custom app's fixed token, and the expiring tokens the client
 * credentials grant hands out (`POST /admin/oauth/access_token`) to the apps installed on the shop.
 * Tokens live on the emulator's clock, so tests move time instead of waiting.
 */
export function createAccessTokens(options: {
  apps: AppCredentials[];
  fixedToken: string | null;
  lifetimeSeconds: number;
  clock: () => Date;
}) {
  const issued = new Map<string, { expiresAt: number }>();
  let stats = { issued: 0, refused: 0 };

  return {
    /** `POST /admin/oauth/access_token` with the client credentials grant. */
    async grant(request: Request): Promise<Response> {
      const body = TokenRequestSchema.safeParse(await readTokenRequest(request));
      if (!body.success) return oauthError('invalid_request', 'The request is missing a required parameter: client_id, client_secret and grant_type.');
      if (body.data.grant_type !== 'client_credentials') {
        return oauthError('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
      }
      const app = options.apps.find((candidate) => candidate.clientId === body.data.client_id);
      if (!app || app.clientSecret !== body.data.client_secret) {
        stats.refused += 1;
        return oauthError('invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
      }
      const token = `shpat_${randomBytes(16).toString('hex')}`;
      issued.set(token, { expiresAt: options.clock().getTime() + options.lifetimeSeconds * 1000 });
      stats.issued += 1;
      return json({ access_token: token, scope: SANDBOX_APP_SCOPES, expires_in: options.lifetimeSeconds });
    },
    /** Whether a request's `X-Shopify-Access-Token` may call the Admin API now. */
    accepts(token: string | null): boolean {
      if (!token) return false;
      if (token === options.fixedToken) return true;
      const entry = issued.get(token);
      if (entry && entry.expiresAt > options.clock().getTime()) return true;
      // An expired token is gone for good, as on Shopify.
      issued.delete(token);
      return false;
    },
    /** Revokes every issued token (an uninstall, a rotated secret); returns how many were live. */
    revokeAll(): number {
      const count = issued.size;
      issued.clear();
      return count;
    },
    stats() {
      const now = options.clock().getTime();
      return { ...stats, live: [...issued.values()].filter((entry) => entry.expiresAt > now).length };
    },
    resetStats(): void {
      stats = { issued: 0, refused: 0 };
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
