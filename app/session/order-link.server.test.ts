import { describe, expect, it } from 'vitest';
import { mintOrderLinkToken, readOrderLinkToken } from './order-link.server';

const SECRET = 'a'.repeat(40);
const NOW = new Date('2026-11-21T10:00:00Z');
const claims = { orderId: 'gid://shopify/Order/1', orderName: '#1001', ticketId: 4242, language: 'fr', expiresAt: new Date('2026-11-24T10:00:00Z') };

describe('order links', () => {
  it('round-trips a genuine token', () => {
    expect(readOrderLinkToken(mintOrderLinkToken(claims, SECRET), SECRET, NOW)).toEqual(claims);
  });

  it('refuses an expired token, another secret, a changed payload and garbage', () => {
    const token = mintOrderLinkToken(claims, SECRET);
    expect(readOrderLinkToken(token, SECRET, new Date('2026-11-24T10:00:00Z'))).toBeNull();
    expect(readOrderLinkToken(token, 'b'.repeat(40), NOW)).toBeNull();
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ o: 'gid://shopify/Order/2', n: '#1002', t: null, l: null, e: 9999999999 })).toString('base64url');
    expect(readOrderLinkToken(`${forged}.${signature}`, SECRET, NOW)).toBeNull();
    for (const junk of ['', 'abc', 'a.b.c', `${token}.x`]) expect(readOrderLinkToken(junk, SECRET, NOW)).toBeNull();
  });
});
