import { describe, expect, it } from 'vitest';
import { clearSessionCookie, serializeSessionCookie } from '~/session/shopper-cookie.server';
import { cookieAttributes } from './cookie-attributes.server';
import { isEmbedded } from './embed.server';

const TOKEN = 'A'.repeat(43);
const inFrame = { 'Sec-Fetch-Dest': 'iframe' };

describe('embed mode', () => {
  it('is any navigation inside a frame, or the ?embed=1 entry URL', () => {
    expect(isEmbedded(new Request('https://portal.example.com/order', { headers: inFrame }))).toBe(true);
    expect(isEmbedded(new Request('https://portal.example.com/', { headers: { 'Sec-Fetch-Dest': 'frame' } }))).toBe(true);
    expect(isEmbedded(new Request('https://portal.example.com/?embed=1&lng=fr'))).toBe(true);
  });

  it('is not a tab, even one opened from the iframe', () => {
    expect(isEmbedded(new Request('https://portal.example.com/order', { headers: { 'Sec-Fetch-Dest': 'document' } }))).toBe(false);
    expect(isEmbedded(new Request('https://portal.example.com/?embed=0'))).toBe(false);
  });
});

describe('session cookie', () => {
  it('in a tab: __Host-, Secure, HttpOnly, SameSite=Lax, not partitioned', async () => {
    const cookie = await serializeSessionCookie(new Request('https://portal.example.com/?index'), true, TOKEN);
    expect(cookie).toMatch(/^__Host-comptoir_session=[^;]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('in an iframe: SameSite=None, Secure and Partitioned, same name', async () => {
    const cookie = await serializeSessionCookie(new Request('https://portal.example.com/?index', { headers: inFrame }), true, TOKEN);
    expect(cookie).toMatch(/^__Host-comptoir_session=[^;]+; Max-Age=86400; Path=\/; HttpOnly; Secure; Partitioned; SameSite=None$/);
  });

  it('on plain-http loopback in the sandbox: no prefix, no Secure in a tab, Secure in the iframe', async () => {
    const tab = await serializeSessionCookie(new Request('http://127.0.0.1:3000/?index'), false, TOKEN);
    expect(tab).toMatch(/^comptoir_session=[^;]+; Max-Age=86400; Path=\/; HttpOnly; SameSite=Lax$/);
    const framed = await serializeSessionCookie(new Request('http://127.0.0.1:3000/?index', { headers: inFrame }), false, TOKEN);
    expect(framed).toMatch(/^comptoir_session=[^;]+; .*Secure; Partitioned; SameSite=None$/);
  });

  it('live mode keeps the locked-down cookie, even on loopback', () => {
    expect(cookieAttributes(new Request('http://127.0.0.1:3000/'), true)).toMatchObject({ secure: true, sameSite: 'lax', partitioned: false });
  });

  it('is cleared with the attributes it was set with, or a partitioned one would survive', async () => {
    const cleared = await clearSessionCookie(new Request('https://portal.example.com/sign-out', { headers: inFrame }), true);
    expect(cleared).toMatch(/^__Host-comptoir_session=; Max-Age=0; .*Partitioned; SameSite=None$/);
  });
});
