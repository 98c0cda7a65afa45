import { describe, expect, it } from 'vitest';
import { MailEnvShape } from './mail/env.server';
import { LabelsEnvShape } from './labels/env.server';
import { BrandEnvShape } from './brand/env.server';
import { DatabaseEnvShape } from './db/env.server';
import { EnvSchema, parseEnv } from './env.server';
import { AftershipEnvShape } from './integrations/aftership/env.server';
import { GorgiasEnvShape } from './integrations/gorgias/env.server';
import { LoopEnvShape } from './integrations/loop/env.server';
import { ShopifyEnvShape } from './integrations/shopify/env.server';
import { JobsEnvShape } from './jobs/env.server';
import { RateLimitEnvShape } from './rate-limit/env.server';
import { SecurityEnvShape } from './security/env.server';
import { SessionEnvShape } from './session/env.server';

describe('parseEnv', () => {
  it('starts in sandbox mode with no variables at all', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({ mode: 'sandbox', sandbox: true, port: 3000, host: '127.0.0.1', frameAncestors: "'self'" });
    expect(config.shopify.shopDomain).toMatch(/\.myshopify\.com$/);
    expect(config.rateLimits.perOrder).toEqual({ max: 5, windowMs: 15 * 60_000 });
    expect(config.rateLimits.perClient).toEqual({ max: 20, windowMs: 60 * 60_000 });
  });

  it('names every missing credential in live mode at once', () => {
    expect(() => parseEnv({ COMPTOIR_MODE: 'live' })).toThrowError(
      /SHOPIFY_CLIENT_ID: live mode needs Shopify credentials: set SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET \(an app from the Dev Dashboard\), or SHOPIFY_ADMIN_TOKEN and SHOPIFY_API_SECRET \(a legacy custom app\)[\s\S]*SHOPIFY_SHOP_DOMAIN: is required in live mode[\s\S]*COMPTOIR_SECRET: is required/,
    );
  });

  const liveBase = { COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'maison-lumiere.myshopify.com', COMPTOIR_SECRET: 'b'.repeat(48) };
  const problems = (env: Record<string, string>) => { try { parseEnv(env); return ''; } catch (error) { return (error as Error).message; } };

  it('runs live on a Dev Dashboard app: client credentials, whose secret also verifies webhooks', () => {
    const config = parseEnv({ ...liveBase, SHOPIFY_CLIENT_ID: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6', SHOPIFY_CLIENT_SECRET: 'shpss_0123456789abcdef0123' });
    expect(config.shopify).toEqual({
      shopDomain: 'maison-lumiere.myshopify.com',
      auth: { kind: 'client-credentials', clientId: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6', clientSecret: 'shpss_0123456789abcdef0123' },
      apiSecret: 'shpss_0123456789abcdef0123',
      sandboxUrl: undefined,
    });
  });

  it('still runs live on a legacy custom app: its admin token, and its API secret for webhooks', () => {
    const config = parseEnv({ ...liveBase, SHOPIFY_ADMIN_TOKEN: 'shpat_0123456789abcdef', SHOPIFY_API_SECRET: 'a'.repeat(32) });
    expect(config.shopify).toMatchObject({ auth: { kind: 'admin-token', adminToken: 'shpat_0123456789abcdef' }, apiSecret: 'a'.repeat(32) });
  });

  it('refuses half pairs and mixed credentials, naming what to add or remove', () => {
    expect(problems({ ...liveBase, SHOPIFY_CLIENT_ID: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6' })).toContain('SHOPIFY_CLIENT_SECRET: is required with SHOPIFY_CLIENT_ID');
    expect(problems({ ...liveBase, SHOPIFY_CLIENT_SECRET: 'shpss_0123456789abcdef0123' })).toContain('SHOPIFY_CLIENT_ID: is required with SHOPIFY_CLIENT_SECRET');
    expect(problems({ ...liveBase, SHOPIFY_ADMIN_TOKEN: 'shpat_0123456789abcdef' })).toContain('SHOPIFY_API_SECRET: is required with SHOPIFY_ADMIN_TOKEN (it verifies webhooks)');
    expect(problems({ ...liveBase, SHOPIFY_API_SECRET: 'a'.repeat(32) })).toContain('SHOPIFY_ADMIN_TOKEN: is required with SHOPIFY_API_SECRET; or set SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET');
    expect(problems({
      ...liveBase, SHOPIFY_CLIENT_ID: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6', SHOPIFY_CLIENT_SECRET: 'shpss_0123456789abcdef0123', SHOPIFY_ADMIN_TOKEN: 'shpat_0123456789abcdef',
    })).toContain('SHOPIFY_ADMIN_TOKEN: cannot be combined with SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET');
    // A half pair is a mistake in the sandbox too: it would silently fall back to the demo app.
    expect(problems({ SHOPIFY_CLIENT_ID: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6' })).toContain('SHOPIFY_CLIENT_SECRET: is required with SHOPIFY_CLIENT_ID');
    expect(problems({ ...liveBase, SHOPIFY_CLIENT_ID: 'not an id!', SHOPIFY_CLIENT_SECRET: 'short' })).toMatch(/SHOPIFY_CLIENT_ID: must be the Client ID[\s\S]*SHOPIFY_CLIENT_SECRET: must be the Secret/);
  });

  it('uses the demo app by the client credentials grant in the sandbox, its secret signing webhooks', () => {
    const { shopify } = parseEnv({});
    expect(shopify.auth.kind).toBe('client-credentials');
    expect(shopify.apiSecret).toBe(shopify.auth.kind === 'client-credentials' ? shopify.auth.clientSecret : null);
    expect(parseEnv({ SHOPIFY_API_SECRET: 'w'.repeat(32) }).shopify.apiSecret).toBe('w'.repeat(32));
    expect(parseEnv({ SHOPIFY_ADMIN_TOKEN: 'shpat_sandboxlegacy' }).shopify.auth).toEqual({ kind: 'admin-token', adminToken: 'shpat_sandboxlegacy' });
  });

  it('explains malformed values', () => {
    let message = '';
    try {
      parseEnv({ COMPTOIR_MODE: 'live', SHOPIFY_SHOP_DOMAIN: 'https://my-store.com', SHOPIFY_ADMIN_TOKEN: 'abc', SHOPIFY_API_SECRET: 'x'.repeat(32), COMPTOIR_SECRET: 'y'.repeat(40), PORT: 'eighty', RATE_LIMIT_ORDER_MAX: '0' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SHOPIFY_SHOP_DOMAIN: must look like your-store.myshopify.com');
    expect(message).toContain('SHOPIFY_ADMIN_TOKEN: must be an Admin API access token');
    expect(message).toContain('PORT');
    expect(message).toContain('RATE_LIMIT_ORDER_MAX');
    expect(message).not.toContain('SHOPIFY_API_SECRET');
  });

  it('accepts a complete live configuration', () => {
    const config = parseEnv({
      COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>',
      SHOPIFY_SHOP_DOMAIN: 'maison-lumiere.myshopify.com',
      SHOPIFY_ADMIN_TOKEN: 'shpat_0123456789abcdef',
      SHOPIFY_API_SECRET: 'a'.repeat(32),
      COMPTOIR_SECRET: 'b'.repeat(48),
      DATABASE_URL: 'postgres://comptoir@db.internal:5432/comptoir',
      COMPTOIR_FRAME_ANCESTORS: "'self' https://help.maison-lumiere.fr",
      RATE_LIMIT_ORDER_MAX: '3',
    });
    expect(config).toMatchObject({ mode: 'live', sandbox: false, database: { url: 'postgres://comptoir@db.internal:5432/comptoir' } });
    expect(config.rateLimits.perOrder.max).toBe(3);
  });

  it('keeps frame-ancestors to CSP sources', () => {
    expect(parseEnv({ COMPTOIR_FRAME_ANCESTORS: "'self' https://help.example.com https://*.gorgias.chat" }).frameAncestors).toContain('gorgias');
    expect(() => parseEnv({ COMPTOIR_FRAME_ANCESTORS: "'self'; script-src *" })).toThrowError(/COMPTOIR_FRAME_ANCESTORS/);
  });

  it('takes Gorgias all or nothing, and mounts the emulator in the sandbox', () => {
    expect(parseEnv({}).gorgias).toMatchObject({ mounted: true, email: 'agent@comptoir-demo.example' });
    expect(parseEnv({ GORGIAS_BASE_URL: 'http://127.0.0.1:4020' }).gorgias).toMatchObject({ mounted: false, baseUrl: 'http://127.0.0.1:4020' });
    expect(() => parseEnv({ GORGIAS_API_KEY: 'abcdefgh1234' })).toThrowError(/GORGIAS_BASE_URL: is required once any GORGIAS_ variable is set[\s\S]*GORGIAS_EMAIL/);
    const live = { COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'a.myshopify.com', SHOPIFY_ADMIN_TOKEN: 'shpat_x1', SHOPIFY_API_SECRET: 'x'.repeat(32), COMPTOIR_SECRET: 'y'.repeat(40) };
    expect(parseEnv(live).gorgias).toBeNull();
    const account = { GORGIAS_BASE_URL: 'https://acme.gorgias.com', GORGIAS_EMAIL: 'ops@acme.example', GORGIAS_API_KEY: 'key-123456' };
    // Live with Gorgias, the notes link the portal: its public address must be given.
    expect(() => parseEnv({ ...live, ...account })).toThrowError(/COMPTOIR_PUBLIC_URL: is required in live mode with Gorgias/);
    expect(parseEnv({ ...live, ...account, COMPTOIR_PUBLIC_URL: 'https://help.acme.example' }).gorgias).toEqual({
      baseUrl: 'https://acme.gorgias.com', email: 'ops@acme.example', apiKey: 'key-123456', mounted: false,
      review: { teamId: null, priority: null }, publicReply: null, caseFieldId: null,
    });
  });

  it('fills a ticket field with the case reference where the store names one; the sandbox demo uses its own', () => {
    expect(parseEnv({}).gorgias).toMatchObject({ caseFieldId: 1 });
    const account = { GORGIAS_BASE_URL: 'https://acme.gorgias.com', GORGIAS_EMAIL: 'ops@acme.example', GORGIAS_API_KEY: 'key-123456' };
    expect(parseEnv({ ...account, GORGIAS_CASE_FIELD_ID: '4077' }).gorgias).toMatchObject({ caseFieldId: 4077 });
    expect(() => parseEnv({ ...account, GORGIAS_CASE_FIELD_ID: 'case' })).toThrow(/GORGIAS_CASE_FIELD_ID/);
    expect(() => parseEnv({ COMPTOIR_MODE: 'live', SHOPIFY_SHOP_DOMAIN: 'a.myshopify.com', GORGIAS_CASE_FIELD_ID: '4077' })).toThrow(/GORGIAS_CASE_FIELD_ID: needs Gorgias/);
  });

  it('routes review cases and replies publicly only where the store says so; the sandbox demo shows both', () => {
    expect(parseEnv({}).gorgias).toMatchObject({
      review: { teamId: 3, priority: 'high' }, publicReply: { emailIntegration: { id: 1, address: 'support@comptoir-demo.example' } },
    });
    expect(parseEnv({ GORGIAS_PUBLIC_REPLY: 'off', GORGIAS_REVIEW_PRIORITY: 'critical' }).gorgias).toMatchObject({ review: { teamId: 3, priority: 'critical' }, publicReply: null });
    const account = { GORGIAS_BASE_URL: 'https://acme.gorgias.com', GORGIAS_EMAIL: 'ops@acme.example', GORGIAS_API_KEY: 'key-123456' };
    expect(parseEnv({
      ...account, GORGIAS_REVIEW_TEAM_ID: '12', GORGIAS_REVIEW_PRIORITY: 'high', COMPTOIR_PUBLIC_URL: 'https://returns.acme.example',
      GORGIAS_PUBLIC_REPLY: 'on', GORGIAS_EMAIL_INTEGRATION_ID: '31', GORGIAS_REPLY_FROM: 'support@acme.example',
    }).gorgias).toMatchObject({ review: { teamId: 12, priority: 'high' }, publicReply: { emailIntegration: { id: 31, address: 'support@acme.example' } } });
    expect(parseEnv({ ...account, GORGIAS_REVIEW_PRIORITY: 'low' }).gorgias).toMatchObject({ review: { teamId: null, priority: 'low' }, publicReply: null });
  });

  it('explains each ticket option it cannot use', () => {
    const account = { GORGIAS_BASE_URL: 'https://acme.gorgias.com', GORGIAS_EMAIL: 'ops@acme.example', GORGIAS_API_KEY: 'key-123456' };
    const message = (env: Record<string, string>) => { try { parseEnv(env); return ''; } catch (error) { return (error as Error).message; } };
    const bad = message({ ...account, GORGIAS_REVIEW_TEAM_ID: 'returns', GORGIAS_REVIEW_PRIORITY: 'urgent', GORGIAS_PUBLIC_REPLY: 'yes' });
    expect(bad).toContain('GORGIAS_REVIEW_TEAM_ID: must be the id of a Gorgias team');
    expect(bad).toContain('GORGIAS_REVIEW_PRIORITY: must be low, normal, high or critical');
    expect(bad).toContain('GORGIAS_PUBLIC_REPLY: must be on or off');
    const half = message({ ...account, GORGIAS_PUBLIC_REPLY: 'on', GORGIAS_REPLY_FROM: 'not an address' });
    expect(half).toContain('GORGIAS_EMAIL_INTEGRATION_ID: is required when GORGIAS_PUBLIC_REPLY=on');
    expect(half).toContain('GORGIAS_REPLY_FROM: must be the address of that Gorgias email integration');
    expect(half).toContain('COMPTOIR_PUBLIC_URL: is required when GORGIAS_PUBLIC_REPLY=on');
    const live = { COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'a.myshopify.com', SHOPIFY_ADMIN_TOKEN: 'shpat_x1', SHOPIFY_API_SECRET: 'x'.repeat(32), COMPTOIR_SECRET: 'y'.repeat(40) };
    expect(message({ ...live, GORGIAS_REVIEW_TEAM_ID: '12' })).toContain('GORGIAS_REVIEW_TEAM_ID: needs Gorgias: set GORGIAS_BASE_URL, GORGIAS_EMAIL and GORGIAS_API_KEY');
  });

  it('refuses an unknown time zone', () => {
    expect(() => parseEnv({ COMPTOIR_TIME_ZONE: 'Mars/Olympus' })).toThrowError(/COMPTOIR_TIME_ZONE/);
  });

  it('loads the sample policy, runs the workers and keeps photos beside the data by default', () => {
    expect(parseEnv({})).toMatchObject({ policyFile: 'app/sandbox/policy/comptoir-demo.policy.yaml', workers: true, photoDir: 'data/photos' });
    expect(parseEnv({ COMPTOIR_DATA_DIR: '/var/lib/comptoir' }).photoDir).toBe('/var/lib/comptoir/photos');
  });

  it('reads the policy file, workers switch and photo folder', () => {
    const config = parseEnv({ COMPTOIR_POLICY_FILE: '/etc/comptoir/policy.yaml', COMPTOIR_WORKERS: 'off', COMPTOIR_PHOTO_DIR: '/srv/photos' });
    expect(config).toMatchObject({ policyFile: '/etc/comptoir/policy.yaml', workers: false, photoDir: '/srv/photos' });
    expect(() => parseEnv({ COMPTOIR_WORKERS: 'no' })).toThrowError(/COMPTOIR_WORKERS/);
  });

  it('keeps photos in the database once several processes share one, on disk otherwise, and names a bad choice', () => {
    expect(parseEnv({}).photoStore).toBe('disk');
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.example:5432/comptoir' }).photoStore).toBe('database');
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.example:5432/comptoir', COMPTOIR_PHOTO_STORE: 'disk' }).photoStore).toBe('disk');
    expect(parseEnv({ COMPTOIR_PHOTO_STORE: 'database' }).photoStore).toBe('database');
    expect(() => parseEnv({ COMPTOIR_PHOTO_STORE: 's3' })).toThrowError(/COMPTOIR_PHOTO_STORE: .*"database"\|"disk"/);
  });

  it('takes each fragment whole, and no variable from two fragments (a later one would silently win)', () => {
    const fragments = [SecurityEnvShape, SessionEnvShape, RateLimitEnvShape, DatabaseEnvShape, JobsEnvShape, BrandEnvShape, ShopifyEnvShape, GorgiasEnvShape, AftershipEnvShape, LoopEnvShape, LabelsEnvShape, MailEnvShape];
    const names = fragments.flatMap((fragment) => Object.keys(fragment));
    expect(new Set(names).size).toBe(names.length);
    const composed = Object.keys(EnvSchema.shape);
    expect(names.filter((name) => !composed.includes(name))).toEqual([]);
    expect(composed.filter((name) => !names.includes(name)).sort()).toEqual([
      'COMPTOIR_AGENT_LANGUAGE', 'COMPTOIR_MODE', 'COMPTOIR_ORDER_CACHE_SECONDS', 'COMPTOIR_PHOTO_DIR', 'COMPTOIR_PHOTO_STORE', 'COMPTOIR_POLICY_FILE',
      'COMPTOIR_PUBLIC_URL', 'COMPTOIR_TIME_ZONE', 'HOST', 'PORT',
    ]);
  });
});
