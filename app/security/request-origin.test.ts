import { describe, expect, it } from 'vitest';
import { isOwnOriginPost, ownOrigins } from './request-origin';

const OWN = ownOrigins('http://127.0.0.1:3000/?index', undefined);
const post = (origin: string | null, referer: string | null = null) => isOwnOriginPost({ origin, referer }, OWN);

describe('the origin of a form post', () => {
  it('accepts the portal’s own origin', () => {
    expect(post('http://127.0.0.1:3000')).toBe(true);
  });

  it('refuses another host, port or scheme, and the other loopback name', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3001', 'http://localhost:3000', 'http://127.0.0.1.evil.example:3000']) {
      expect(post(origin), origin).toBe(false);
    }
  });

  it('refuses Origin: null, whatever the Referer says', () => {
    expect(post('null', 'http://127.0.0.1:3000/order')).toBe(false);
  });

  it('accepts Origin: null only when the browser says the post is same-origin (a no-referrer page of ours)', () => {
    expect(isOwnOriginPost({ origin: 'null', referer: null, fetchSite: 'same-origin' }, OWN)).toBe(true);
    for (const fetchSite of ['cross-site', 'same-site', 'none', null]) {
      expect(isOwnOriginPost({ origin: 'null', referer: 'http://127.0.0.1:3000/', fetchSite }, OWN), String(fetchSite)).toBe(false);
    }
    // The header vouches for a null origin only, never for another site's.
    expect(isOwnOriginPost({ origin: 'https://evil.example', referer: null, fetchSite: 'same-origin' }, OWN)).toBe(false);
  });

  it('falls back to the Referer only when Origin is absent', () => {
    expect(post(null, 'http://127.0.0.1:3000/order/return?step=2')).toBe(true);
    expect(post(null, 'https://evil.example/http://127.0.0.1:3000/')).toBe(false);
    expect(post('https://evil.example', 'http://127.0.0.1:3000/')).toBe(false);
  });

  it('refuses a post that names no origin at all, or a garbled one', () => {
    expect(post(null, null)).toBe(false);
    expect(post('not a url')).toBe(false);
    expect(post(null, '/order')).toBe(false);
  });

  it('knows the same host over https (TLS ended by a proxy) and the configured public URL', () => {
    const own = ownOrigins('http://portal.example.com/sign-out', 'https://returns.shop.example/');
    expect(isOwnOriginPost({ origin: 'https://portal.example.com', referer: null }, own)).toBe(true);
    expect(isOwnOriginPost({ origin: 'https://returns.shop.example', referer: null }, own)).toBe(true);
    expect(isOwnOriginPost({ origin: 'https://shop.example', referer: null }, own)).toBe(false);
  });
});
