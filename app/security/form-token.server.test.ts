import { describe, expect, it } from 'vitest';
import { hasValidFormToken, isValidFormToken, mintFormToken, prepareFormToken } from './form-token.server';

const SECRET = 's'.repeat(40);
const binding = { browser: 'browser-cookie-value', session: null };

describe('form tokens', () => {
  it('are valid for the browser (and session) they were minted for', () => {
    expect(isValidFormToken(SECRET, mintFormToken(SECRET, binding), binding)).toBe(true);
    const signedIn = { ...binding, session: 'session-token' };
    expect(isValidFormToken(SECRET, mintFormToken(SECRET, signedIn), signedIn)).toBe(true);
  });

  it('are refused for another browser, another session, under another secret, or without a cookie', () => {
    const token = mintFormToken(SECRET, binding);
    expect(isValidFormToken(SECRET, token, { ...binding, browser: 'another-browser' })).toBe(false);
    expect(isValidFormToken(SECRET, token, { ...binding, session: 'a-session-opened-since' })).toBe(false);
    expect(isValidFormToken('t'.repeat(40), token, binding)).toBe(false);
    expect(isValidFormToken(SECRET, token, null)).toBe(false);
    expect(isValidFormToken(SECRET, token, { browser: '', session: null })).toBe(false);
  });

  it('refuses anything that is not a token', () => {
    for (const posted of [null, undefined, '', 'x', mintFormToken(SECRET, binding).slice(1), new File(['x'], 'x')]) {
      expect(isValidFormToken(SECRET, posted, binding)).toBe(false);
    }
  });

  it('a first page sets the cookie its token is bound to; the post that carries both passes', async () => {
    const config = { secret: SECRET, live: true };
    const first = await prepareFormToken(new Request('https://portal.example.com/'), config);
    expect(first.setCookie).toMatch(/^__Host-comptoir_csrf=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = first.setCookie!.split(';')[0]!;
    const post = new Request('https://portal.example.com/?index', { method: 'POST', headers: { Cookie: cookie } });
    expect(await hasValidFormToken(post, first.token, config)).toBe(true);
    expect(await hasValidFormToken(new Request('https://portal.example.com/?index', { method: 'POST' }), first.token, config)).toBe(false);
    const again = await prepareFormToken(new Request('https://portal.example.com/order', { headers: { Cookie: cookie } }), config);
    expect(again).toEqual({ token: first.token, setCookie: null });
  });

  it('inside an iframe, the cookie is SameSite=None, Secure and Partitioned', async () => {
    const { setCookie } = await prepareFormToken(new Request('https://portal.example.com/', { headers: { 'Sec-Fetch-Dest': 'iframe' } }), { secret: SECRET, live: true });
    expect(setCookie).toMatch(/; HttpOnly; Secure; Partitioned; SameSite=None$/);
  });
});
