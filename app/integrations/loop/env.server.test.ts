import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

const LIVE = { COMPTOIR_MODE: 'live', SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Shop <no-reply@shop.example>', SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com', COMPTOIR_SECRET: 'x'.repeat(40), SHOPIFY_CLIENT_ID: '3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6', SHOPIFY_CLIENT_SECRET: 'shpss_0123456789abcdef0123' };

describe('Loop configuration', () => {
  it('the sandbox needs nothing: the mounted emulator with its well-known key and secret', () => {
    expect(parseEnv({}).loop).toEqual({ baseUrl: 'http://127.0.0.1/__sandbox/loop-api', apiKey: 'sandbox-loop-key', webhookSecret: 'sandbox-loop-webhook-secret', mounted: true });
  });

  it('in the sandbox, LOOP_API_URL alone names a standalone emulator (nothing mounted)', () => {
    expect(parseEnv({ LOOP_API_URL: 'http://127.0.0.1:4400' }).loop).toMatchObject({ baseUrl: 'http://127.0.0.1:4400', mounted: false });
  });

  it('live mode without Loop has no Loop; with it, Loop’s public host by default', () => {
    expect(parseEnv(LIVE).loop).toBeNull();
    expect(parseEnv({ ...LIVE, LOOP_API_KEY: 'loop-key-1234', LOOP_WEBHOOK_SECRET: 'whsec-1234' }).loop)
      .toEqual({ baseUrl: 'https://api.loopreturns.com', apiKey: 'loop-key-1234', webhookSecret: 'whsec-1234', mounted: false });
  });

  it('a key without its webhook secret (or the reverse) stops the server naming what is missing', () => {
    expect(() => parseEnv({ ...LIVE, LOOP_API_KEY: 'loop-key-1234' })).toThrow(/LOOP_WEBHOOK_SECRET: is required once LOOP_API_KEY/);
    expect(() => parseEnv({ LOOP_WEBHOOK_SECRET: 'whsec-1234' })).toThrow(/LOOP_API_KEY: is required/);
    expect(() => parseEnv({ LOOP_API_URL: 'ftp://loop' })).toThrow(/LOOP_API_URL: must be the Loop API host/);
  });
});
