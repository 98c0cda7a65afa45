import { join } from 'node:path';
import { z } from 'zod';
import { BrandEnvShape, toBrandConfig } from './brand/env.server';
import { DatabaseEnvShape, toDatabaseConfig } from './db/env.server';
import { AftershipEnvShape, checkAftershipEnv, toAftershipConfig } from './integrations/aftership/env.server';
import { checkGorgiasEnv, GorgiasEnvShape, toGorgiasConfig } from './integrations/gorgias/env.server';
import { checkLoopEnv, LoopEnvShape, toLoopConfig } from './integrations/loop/env.server';
import { checkShopifyCredentials, ShopifyEnvShape, toShopifyConfig } from './integrations/shopify/env.server';
import { JobsEnvShape, toJobsConfig } from './jobs/env.server';
import { LabelsEnvShape, toLabelsConfig } from './labels/env.server';
import { checkMailEnv, MailEnvShape, toMailConfig } from './mail/env.server';
import { DEFAULT_POLICY_FILE } from './policy/load-policy.server';
import { RateLimitEnvShape, toRateLimitConfig } from './rate-limit/env.server';
import { SecurityEnvShape, toSecurityConfig } from './security/env.server';
import { SessionEnvShape, toSessionConfig } from './session/env.server';
import { positiveInt } from './utils/env-fields';

/**
 * The one description of Comptoir's configuration, composed of each part's fragment (its own
 * variables, checks and config mapping, beside its code). Sandbox mode (the default) needs no
 * secret; live mode refuses to start until every Shopify credential is present and well formed.
 */
export const EnvSchema = z
  .object({
    COMPTOIR_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    PORT: positiveInt.max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    COMPTOIR_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    COMPTOIR_TIME_ZONE: z
      .string()
      .refine((zone) => { try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; } }, 'must be an IANA time zone such as Europe/Paris')
      .default('Europe/Paris'),
    COMPTOIR_POLICY_FILE: z.string().min(1).default(DEFAULT_POLICY_FILE),
    COMPTOIR_PHOTO_DIR: z.string().min(1).optional(),
    COMPTOIR_PHOTO_STORE: z.enum(['database', 'disk']).optional(),
    COMPTOIR_ORDER_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
    COMPTOIR_AGENT_LANGUAGE: z.enum(['en', 'fr']).default('en'),
    ...SecurityEnvShape,
    ...SessionEnvShape,
    ...RateLimitEnvShape,
    ...DatabaseEnvShape,
    ...JobsEnvShape,
    ...BrandEnvShape,
    ...ShopifyEnvShape,
    ...GorgiasEnvShape,
    ...AftershipEnvShape,
    ...LoopEnvShape,
    ...LabelsEnvShape,
    ...MailEnvShape,
  })
  .superRefine((env, ctx) => {
    checkGorgiasEnv(env, ctx);
    checkAftershipEnv(env, ctx);
    checkLoopEnv(env, ctx);
    checkShopifyCredentials(env, ctx);
    checkMailEnv(env, ctx);
    if (env.COMPTOIR_MODE !== 'live') return;
    for (const key of ['SHOPIFY_SHOP_DOMAIN', 'COMPTOIR_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in live mode' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
export type Config = ReturnType<typeof toConfig>;
export type { GorgiasConfig } from './integrations/gorgias/env.server';

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
    timeZone: env.COMPTOIR_TIME_ZONE,
    contactEmail: env.COMPTOIR_CONTACT_EMAIL,
    /** The store's name, logo, colours, contact and return address (app/brand/). */
    brand: toBrandConfig(env),
    agentLanguage: env.COMPTOIR_AGENT_LANGUAGE,
    /** Gorgias when configured, or the sandbox's mounted emulator (app/integrations/gorgias/env.server.ts). */
    gorgias: toGorgiasConfig(env),
    /** Loop Returns when configured, or the sandbox's mounted emulator (app/integrations/loop/env.server.ts). */
    loop: toLoopConfig(env),
    /**
     * Where shoppers and agents reach the portal, for links in tickets and emails. The sandbox
     * defaults to its own loopback address, so the demo's notes and reply carry working links.
     */
    publicUrl: env.COMPTOIR_PUBLIC_URL ?? (sandbox ? `http://${toLoopbackHost(env.HOST)}:${env.PORT}` : undefined),
    /** Whether COMPTOIR_PUBLIC_URL was given: a separate worker has no address of its own to fall back on. */
    publicUrlGiven: env.COMPTOIR_PUBLIC_URL !== undefined,
    /** `secret`, `frameAncestors`, `apiKey`, `trustProxy` (app/security/env.server.ts). */
    ...toSecurityConfig(env),
    /** `links`, `agentLinks`, `lookupSecondFactor` (app/session/env.server.ts). */
    ...toSessionConfig(env),
    database: toDatabaseConfig(env),
    policyFile: env.COMPTOIR_POLICY_FILE,
    /** Whether this web process also runs the job workers (app/jobs/env.server.ts). */
    ...toJobsConfig(env),
    photoDir: env.COMPTOIR_PHOTO_DIR ?? join(env.COMPTOIR_DATA_DIR, 'photos'),
    /** Where photos live: in the database when several processes share one (DATABASE_URL), else on this disk. */
    photoStore: env.COMPTOIR_PHOTO_STORE ?? (env.DATABASE_URL ? 'database' : 'disk'),
    orderCacheMs: env.COMPTOIR_ORDER_CACHE_SECONDS * 1000,
    rateLimits: toRateLimitConfig(env),
    /** The shop, how to get its Admin API token (`auth`), and the key its webhooks are signed with (`apiSecret`). */
    shopify: toShopifyConfig(env),
    /** AfterShip Returns when configured, or the sandbox's mounted emulator (app/integrations/aftership/env.server.ts). */
    aftership: toAftershipConfig(env),
    /** The label provider used when the policy's reason names none (app/labels/env.server.ts). */
    labels: toLabelsConfig(env),
    /** The SMTP server and sender of shoppers' emails; null in the sandbox's defaults (app/mail/env.server.ts). */
    mail: toMailConfig(env),
  } as const;
}
