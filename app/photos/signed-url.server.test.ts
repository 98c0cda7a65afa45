import { describe, expect, it } from 'vitest';
import { createPhotoKey } from './photo-key.server';
import { signPhotoUrl, verifyPhotoUrl } from './signed-url.server';

const secret = 'test-secret-with-enough-entropy';
const key = createPhotoKey();
const now = new Date('2025-06-01T12:00:00Z');
const inOneHour = new Date('2025-06-01T13:00:00Z');

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url, 'http://x.invalid');
  parsed.searchParams.set(name, value);
  return `${parsed.pathname}?${parsed.searchParams}`;
}

describe('signed photo URLs', () => {
  it('round-trips: the link names the photo and opens it for its case', () => {
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    expect(url).toMatch(new RegExp(`^/photos/${key}\\?case=case_42&exp=\\d+&sig=[\\w-]{43}$`));
    expect(verifyPhotoUrl(url, secret, now)).toEqual({ ok: true, caseId: 'case_42', key });
    expect(verifyPhotoUrl(new URL(url, 'https://shop.example'), secret, now)).toMatchObject({ ok: true });
    const parsed = new URL(url, 'https://shop.example');
    expect(verifyPhotoUrl({ key, searchParams: parsed.searchParams }, secret, now)).toMatchObject({ ok: true });
  });

  it('expires at the stated time', () => {
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    expect(verifyPhotoUrl(url, secret, new Date(inOneHour.getTime() - 1000)).ok).toBe(true);
    expect(verifyPhotoUrl(url, secret, inOneHour)).toEqual({ ok: false });
  });

  it('refuses a link moved to another case, another photo or a later expiry', () => {
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    expect(verifyPhotoUrl(withParam(url, 'case', 'case_43'), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(url.replace(key, createPhotoKey()), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(withParam(url, 'exp', '99999999999'), secret, now)).toEqual({ ok: false });
  });

  it('refuses a forged, truncated or missing signature, or another secret', () => {
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    const sig = new URL(url, 'http://x.invalid').searchParams.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyPhotoUrl(withParam(url, 'sig', flipped), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(withParam(url, 'sig', sig.slice(0, 20)), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(url.replace(/&sig=.*/, ''), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(url, 'another-secret', now)).toEqual({ ok: false });
  });

  it('refuses paths that are not one photo key', () => {
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    expect(verifyPhotoUrl(url.replace('/photos/', '/photos/../'), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl(url.replace('/photos/', '/other/'), secret, now)).toEqual({ ok: false });
    expect(verifyPhotoUrl({ key: undefined, searchParams: new URLSearchParams() }, secret, now)).toEqual({ ok: false });
  });

  it('will not sign or verify without a secret', () => {
    expect(() => signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, '')).toThrow();
    const url = signPhotoUrl({ caseId: 'case_42', key, expiresAt: inOneHour }, secret);
    expect(() => verifyPhotoUrl(url, '', now)).toThrow();
  });
});
