import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

const problems = (env: Record<string, string>) => { try { parseEnv(env); return ''; } catch (error) { return (error as Error).message; } };
const live = {
  COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'maison-lumiere.myshopify.com', COMPTOIR_SECRET: 'b'.repeat(48),
  SHOPIFY_CLIENT_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SHOPIFY_CLIENT_SECRET: 'shpss_0123456789abcdef',
};

describe('AfterShip configuration', () => {
  it('in the sandbox, with nothing set, is the mounted emulator with its well-known key and secret', () => {
    expect(parseEnv({}).aftership).toEqual({
      baseUrl: 'http://127.0.0.1/__sandbox/aftership-api/returns/2026-07', apiKey: 'sandbox-aftership-key', webhookSecret: 'sandbox-aftership-webhook-secret', mounted: true,
    });
  });

  it('in the sandbox, a URL alone names a standalone emulator', () => {
    expect(parseEnv({ AFTERSHIP_API_URL: 'http://127.0.0.1:4999/returns/2026-07' }).aftership).toMatchObject({ baseUrl: 'http://127.0.0.1:4999/returns/2026-07', mounted: false });
  });

  it('live: off without a key, AfterShip with key and secret', () => {
    expect(parseEnv(live).aftership).toBeNull();
    expect(parseEnv({ ...live, AFTERSHIP_API_KEY: 'asat_live_key_123', AFTERSHIP_WEBHOOK_SECRET: 'whsec_abcdefgh' }).aftership).toEqual({
      baseUrl: 'https://api.aftership.com/returns/2026-07', apiKey: 'asat_live_key_123', webhookSecret: 'whsec_abcdefgh', mounted: false,
    });
  });

  it('names what is missing or malformed', () => {
    expect(problems({ ...live, AFTERSHIP_API_KEY: 'asat_live_key_123' })).toMatch(/AFTERSHIP_WEBHOOK_SECRET: is required with AFTERSHIP_API_KEY/);
    expect(problems({ ...live, AFTERSHIP_WEBHOOK_SECRET: 'whsec_abcdefgh' })).toMatch(/AFTERSHIP_API_KEY: is required with AFTERSHIP_WEBHOOK_SECRET/);
    expect(problems({ AFTERSHIP_API_URL: 'https://api.aftership.com/returns' })).toMatch(/AFTERSHIP_API_URL: must end with the API version/);
    expect(problems({ ...live, AFTERSHIP_API_URL: 'https://api.aftership.com/returns/2026-07' })).toMatch(/AFTERSHIP_API_KEY: is required with AFTERSHIP_API_URL/);
  });
});
