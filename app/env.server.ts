import { join } from 'node:path';
import { z } from 'zod';
import { BrandEnvShape, toBrandConfig } from './brand/env.server';
import type { HelpdeskOptions } from './helpdesk/options';
import { checkShopifyCredentials, ShopifyEnvShape, toShopifyConfig } from './integrations/shopify/env.server';
import { DEFAULT_POLICY_FILE } from './policy/load-policy.server';

/**
 * The one description of Comptoir's configuration. Sandbox mode (the default) needs no secret;
 * live mode refuses to start until every Shopify credential is present and well formed.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();
/** A Gorgias record id, with one message whatever is wrong with it. */
const gorgiasId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

/** CSP sources only: no `;` or newline can sneak another directive into the header. */
const FRAME_ANCESTORS = /^(?:'self'|'none'|https:\/\/[\w.*-]+(?::\d+)?)(?: (?:'self'|https:\/\/[\w.*-]+(?::\d+)?))*$/;

export const EnvSchema = z
  .object({
    COMPTOIR_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    PORT: positiveInt.max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    COMPTOIR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    COMPTOIR_FRAME_ANCESTORS: z
      .string()
      .regex(FRAME_ANCESTORS, "must be 'self', 'none' or space-separated https origins")
      .default("'self'"),
    COMPTOIR_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    COMPTOIR_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
    COMPTOIR_LINK_TTL_HOURS: positiveInt.max(24 * 30).default(72),
    COMPTOIR_AGENT_LINK_DAYS: positiveInt.max(365).default(30),
    COMPTOIR_TIME_ZONE: z
      .string()
      .refine((zone) => { try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; } }, 'must be an IANA time zone such as Europe/Paris')
      .default('Europe/Paris'),
    COMPTOIR_DATA_DIR: z.string().min(1).default('./data'),
    COMPTOIR_POLICY_FILE: z.string().min(1).default(DEFAULT_POLICY_FILE),
    COMPTOIR_WORKERS: z.enum(['on', 'off']).default('on'),
    COMPTOIR_PHOTO_DIR: z.string().min(1).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    COMPTOIR_ORDER_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    COMPTOIR_LOOKUP_SECOND_FACTOR: z.enum(['none', 'zip', 'phone']).default('none'),
    RATE_LIMIT_ORDER_MAX: positiveInt.default(5),
    RATE_LIMIT_ORDER_WINDOW_MINUTES: positiveInt.default(15),
    RATE_LIMIT_CLIENT_MAX: positiveInt.default(20),
    RATE_LIMIT_CLIENT_WINDOW_MINUTES: positiveInt.default(60),
    TRUST_PROXY: booleanish.default(false),
    ...BrandEnvShape,
    ...ShopifyEnvShape,
    GORGIAS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    GORGIAS_EMAIL: z.email('must be the email of the Gorgias user the API key belongs to').optional(),
    GORGIAS_API_KEY: z.string().min(8, 'must be the Gorgias REST API key').optional(),
    COMPTOIR_AGENT_LANGUAGE: z.enum(['en', 'fr']).default('en'),
    GORGIAS_REVIEW_TEAM_ID: gorgiasId('must be the id of a Gorgias team (a whole number, see GET /api/teams)').optional(),
    GORGIAS_REVIEW_PRIORITY: z.enum(['low', 'normal', 'high', 'critical'], 'must be low, normal, high or critical').optional(),
    GORGIAS_PUBLIC_REPLY: z.enum(['on', 'off'], 'must be on or off').optional(),
    GORGIAS_EMAIL_INTEGRATION_ID: gorgiasId('must be the id of a Gorgias email integration (a whole number)').optional(),
    GORGIAS_REPLY_FROM: z.email('must be the address of that Gorgias email integration').optional(),
    GORGIAS_CASE_FIELD_ID: gorgiasId('must be the id of a Gorgias ticket field of type text (a whole number, see GET /api/custom-fields?object_type=Ticket)').optional(),
  })
  .superRefine((env, ctx) => {
    // Gorgias is all or nothing: a half-configured helpdesk would silently drop tickets.
    const gorgias = ['GORGIAS_BASE_URL', 'GORGIAS_EMAIL', 'GORGIAS_API_KEY'] as const;
    const given = gorgias.filter((key) => env[key]);
    // In the sandbox, a standalone emulator (npm run sandbox:gorgias) is named by its URL alone.
    const emulatorUrlOnly = env.COMPTOIR_MODE === 'sandbox' && given.length === 1 && given[0] === 'GORGIAS_BASE_URL';
    if (given.length > 0 && given.length < gorgias.length && !emulatorUrlOnly) {
      for (const key of gorgias) if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required once any GORGIAS_ variable is set' });
    }
    checkHelpdeskOptions(env, ctx);
    checkShopifyCredentials(env, ctx);
    if (env.COMPTOIR_MODE !== 'live') return;
    for (const key of ['SHOPIFY_SHOP_DOMAIN', 'COMPTOIR_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in live mode' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

const HELPDESK_OPTIONS = ['GORGIAS_REVIEW_TEAM_ID', 'GORGIAS_REVIEW_PRIORITY', 'GORGIAS_PUBLIC_REPLY', 'GORGIAS_EMAIL_INTEGRATION_ID', 'GORGIAS_REPLY_FROM', 'GORGIAS_CASE_FIELD_ID'] as const;

/** The sandbox's demo account stands in for a real one: no GORGIAS_ credentials given. */
const usesDemoAccount = (env: Pick<Env, 'COMPTOIR_MODE' | 'GORGIAS_EMAIL' | 'GORGIAS_API_KEY'>) =>
  env.COMPTOIR_MODE === 'sandbox' && !env.GORGIAS_EMAIL && !env.GORGIAS_API_KEY;

/** Ticket options need a helpdesk to apply to, and a public reply needs its sending address. */
function checkHelpdeskOptions(env: Env, ctx: z.RefinementCtx): void {
  const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  if (usesDemoAccount(env)) return;
  if (!env.GORGIAS_BASE_URL || !env.GORGIAS_EMAIL || !env.GORGIAS_API_KEY) {
    for (const key of HELPDESK_OPTIONS) if (env[key] !== undefined) issue(key, 'needs Gorgias: set GORGIAS_BASE_URL, GORGIAS_EMAIL and GORGIAS_API_KEY');
    return;
  }
  if (env.GORGIAS_PUBLIC_REPLY !== 'on') return;
  if (!env.GORGIAS_EMAIL_INTEGRATION_ID) issue('GORGIAS_EMAIL_INTEGRATION_ID', 'is required when GORGIAS_PUBLIC_REPLY=on');
  if (!env.GORGIAS_REPLY_FROM) issue('GORGIAS_REPLY_FROM', 'is required when GORGIAS_PUBLIC_REPLY=on');
  if (!env.COMPTOIR_PUBLIC_URL) issue('COMPTOIR_PUBLIC_URL', 'is required when GORGIAS_PUBLIC_REPLY=on: the reply links the shopper to their case');
}

/** Sandbox defaults that stand in for live credentials; they unlock nothing outside loopback. */
export { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_AUTH } from './integrations/shopify/env.server';
const SANDBOX_SECRET = 'sandbox-secret-not-for-production-use-0000';
export const SANDBOX_GORGIAS_EMAIL = 'agent@comptoir-demo.example';
export const SANDBOX_GORGIAS_KEY = 'sandbox-gorgias-key';
export const SANDBOX_API_KEY = 'sandbox-api-key-not-for-production';

/** The demo account's "Returns review" team and email integration (the emulator's default seed). */
export const SANDBOX_GORGIAS_REVIEW_TEAM_ID = 3;
export const SANDBOX_GORGIAS_EMAIL_INTEGRATION = { id: 1, address: 'support@comptoir-demo.example' } as const;
/** The demo account's "Comptoir case" ticket field. */
export const SANDBOX_GORGIAS_CASE_FIELD_ID = 1;

export type Config = ReturnType<typeof toConfig>;
export type GorgiasConfig = { baseUrl: string; email: string; apiKey: string; mounted: boolean } & HelpdeskOptions;

function toGorgiasConfig(env: Env, sandbox: boolean): GorgiasConfig | null {
  if (env.GORGIAS_BASE_URL && env.GORGIAS_EMAIL && env.GORGIAS_API_KEY) {
    return { baseUrl: env.GORGIAS_BASE_URL, email: env.GORGIAS_EMAIL, apiKey: env.GORGIAS_API_KEY, mounted: false, ...toHelpdeskOptions(env, false) };
  }
  if (!sandbox) return null;
  return {
    baseUrl: env.GORGIAS_BASE_URL ?? 'http://127.0.0.1/__sandbox/gorgias-api', email: SANDBOX_GORGIAS_EMAIL, apiKey: SANDBOX_GORGIAS_KEY,
    mounted: !env.GORGIAS_BASE_URL, ...toHelpdeskOptions(env, true),
  };
}

/** The demo account shows every option (review team, high priority, public reply) unless turned off. */
function toHelpdeskOptions(env: Env, demo: boolean): HelpdeskOptions {
  const review = {
    teamId: env.GORGIAS_REVIEW_TEAM_ID ?? (demo ? SANDBOX_GORGIAS_REVIEW_TEAM_ID : null),
    priority: env.GORGIAS_REVIEW_PRIORITY ?? (demo ? 'high' as const : null),
  };
  const replying = (env.GORGIAS_PUBLIC_REPLY ?? (demo ? 'on' : 'off')) === 'on';
  const id = env.GORGIAS_EMAIL_INTEGRATION_ID ?? (demo ? SANDBOX_GORGIAS_EMAIL_INTEGRATION.id : null);
  const address = env.GORGIAS_REPLY_FROM ?? (demo ? SANDBOX_GORGIAS_EMAIL_INTEGRATION.address : null);
  const caseFieldId = env.GORGIAS_CASE_FIELD_ID ?? (demo ? SANDBOX_GORGIAS_CASE_FIELD_ID : null);
  return { review, publicReply: replying && id && address ? { emailIntegration: { id, address } } : null, caseFieldId };
}

/** Parses the environment, or throws one error naming every missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new Error(`Comptoir cannot start: fix these environment variables (see .env.example)\n${lines.join('\n')}`);
  }
  return toConfig(result.data);
}

/** A browsable host for a bind address: a wildcard bind is reached on loopback. */
const toLoopbackHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

function toConfig(env: Env) {
  const sandbox = env.COMPTOIR_MODE === 'sandbox';
  return {
    mode: env.COMPTOIR_MODE,
    sandbox,
    port: env.PORT,
    host: env.HOST,
    secret: env.COMPTOIR_SECRET ?? SANDBOX_SECRET,
    frameAncestors: env.COMPTOIR_FRAME_ANCESTORS,
    timeZone: env.COMPTOIR_TIME_ZONE,
    contactEmail: env.COMPTOIR_CONTACT_EMAIL,
    /** The store's name, logo, colours, contact and return address (app/brand/). */
    brand: toBrandConfig(env),
    agentLanguage: env.COMPTOIR_AGENT_LANGUAGE,
    /**
     * Gorgias, when configured. In sandbox mode without GORGIAS_* the emulator is mounted in the
     * portal (`mounted`; server.ts fills in its URL) with its well-known sandbox account.
     */
    gorgias: toGorgiasConfig(env, sandbox),
    /**
     * Where shoppers and agents reach the portal, for links in tickets and emails. The sandbox
     * defaults to its own loopback address, so the demo's notes and reply carry working links.
     */
    publicUrl: env.COMPTOIR_PUBLIC_URL ?? (sandbox ? `http://${toLoopbackHost(env.HOST)}:${env.PORT}` : undefined),
    /** Key of the endpoints Gorgias calls (links, sidebar); null disables them. The sandbox has one to try. */
    apiKey: env.COMPTOIR_API_KEY ?? (sandbox ? SANDBOX_API_KEY : null),
    links: { ttlMs: env.COMPTOIR_LINK_TTL_HOURS * 3_600_000 },
    /** How long the case links written on tickets and in the sidebar open the agent's case page. */
    agentLinks: { ttlMs: env.COMPTOIR_AGENT_LINK_DAYS * 86_400_000 },
    trustProxy: env.TRUST_PROXY,
    database: { url: env.DATABASE_URL, dataDir: env.COMPTOIR_DATA_DIR },
    policyFile: env.COMPTOIR_POLICY_FILE,
    /** Whether this web process also runs the job workers; `off` leaves them to `npm run worker`. */
    workers: env.COMPTOIR_WORKERS === 'on',
    photoDir: env.COMPTOIR_PHOTO_DIR ?? join(env.COMPTOIR_DATA_DIR, 'photos'),
    orderCacheMs: env.COMPTOIR_ORDER_CACHE_SECONDS * 1000,
    lookupSecondFactor: env.COMPTOIR_LOOKUP_SECOND_FACTOR,
    rateLimits: {
      perOrder: { max: env.RATE_LIMIT_ORDER_MAX, windowMs: env.RATE_LIMIT_ORDER_WINDOW_MINUTES * 60_000 },
      perClient: { max: env.RATE_LIMIT_CLIENT_MAX, windowMs: env.RATE_LIMIT_CLIENT_WINDOW_MINUTES * 60_000 },
    },
    /** The shop, how to get its Admin API token (`auth`), and the key its webhooks are signed with (`apiSecret`). */
    shopify: toShopifyConfig(env),
  } as const;
}
