import { describe, expect, it } from 'vitest';
import { needsRenewal, renewalTime, type HeldToken } from './token-renewal';

const at = (iso: string) => new Date(iso);
const token = (obtainedAt: string, expiresAt: string | null): HeldToken => ({
  value: 'shpat_x', obtainedAt: at(obtainedAt), expiresAt: expiresAt ? at(expiresAt) : null,
});

describe('token renewal timing', () => {
  // Shopify's client credentials tokens: expires_in 86399 seconds.
  const daily = token('2026-12-02T08:00:00Z', '2026-12-03T07:59:59Z');

  it('keeps a 24-hour token until five minutes before it expires', () => {
    expect(renewalTime(daily)).toEqual(at('2026-12-03T07:54:59Z'));
    expect(needsRenewal(daily, at('2026-12-02T08:00:01Z'))).toBe(false);
    expect(needsRenewal(daily, at('2026-12-03T07:54:58Z'))).toBe(false);
    expect(needsRenewal(daily, at('2026-12-03T07:54:59Z'))).toBe(true);
    expect(needsRenewal(daily, at('2026-12-03T09:00:00Z'))).toBe(true);
  });

  it('renews a short-lived token a tenth of its life early, not five minutes', () => {
    const short = token('2026-12-02T08:00:00Z', '2026-12-02T08:00:30Z');
    expect(renewalTime(short)).toEqual(at('2026-12-02T08:00:27Z'));
    expect(needsRenewal(short, at('2026-12-02T08:00:26Z'))).toBe(false);
    expect(needsRenewal(short, at('2026-12-02T08:00:27Z'))).toBe(true);
  });

  it('asks for a token when none is held, and never renews one without an expiry by time', () => {
    expect(needsRenewal(null, at('2026-12-02T08:00:00Z'))).toBe(true);
    const fixed = token('2026-01-01T00:00:00Z', null);
    expect(renewalTime(fixed)).toBeNull();
    expect(needsRenewal(fixed, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('treats a token that came back already expired as due at once', () => {
    const stale = token('2026-12-02T08:00:00Z', '2026-12-02T07:59:00Z');
    expect(needsRenewal(stale, at('2026-12-02T08:00:00Z'))).toBe(true);
  });
});
