import { describe, expect, it } from 'vitest';
import { mintOrderLinkToken, readOrderLinkToken } from './order-link.server';

const SECRET = 'a'.repeat(40);
const NOW = new Date('2026-11-21T10:00:00Z');
const claims = { orderId: 'gid://shopify/Order/5550001', orderName: '#1001', ticketId: 4242, language: 'fr', expiresAt: new Date('2026-11-24T10:00:00Z') };

/** What a reader of the URL gets: the token as text, and its bytes decoded as base64 at any alignment. */
function readableForms(token: string): string {
  const decoded = [0, 1, 2, 3].map((skip) => Buffer.from(token.slice(skip), 'base64url').toString('latin1'));
  return [token, ...decoded].join('\n');
}

describe('order links', () => {
  it('round-trips a genuine token', () => {
    expect(readOrderLinkToken(mintOrderLinkToken(claims, SECRET), SECRET, NOW)).toEqual(claims);
    const noTicket = { ...claims, ticketId: null, language: null };
    expect(readOrderLinkToken(mintOrderLinkToken(noTicket, SECRET), SECRET, NOW)).toEqual(noTicket);
  });

  it('shows nothing of the order, the ticket or the language to whoever reads the URL', () => {
    const token = mintOrderLinkToken(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const seen = readableForms(token);
    for (const secretPart of ['#1001', '5550001', 'shopify', '4242', '"fr"', '{"o"']) expect(seen).not.toContain(secretPart);
  });

  it('gives a different token each time, so two links to one order cannot be told to be the same order', () => {
    expect(mintOrderLinkToken(claims, SECRET)).not.toBe(mintOrderLinkToken(claims, SECRET));
  });

  it('refuses an expired token and one sealed with another secret', () => {
    const token = mintOrderLinkToken(claims, SECRET);
    expect(readOrderLinkToken(token, SECRET, new Date('2026-11-24T09:59:59Z'))).toEqual(claims);
    expect(readOrderLinkToken(token, SECRET, new Date('2026-11-24T10:00:00Z'))).toBeNull();
    expect(readOrderLinkToken(token, 'b'.repeat(40), NOW)).toBeNull();
  });

  it('refuses a token with any one character changed', () => {
    const token = mintOrderLinkToken(claims, SECRET);
    for (let i = 0; i < token.length; i++) {
      const swapped = token[i] === 'A' ? 'B' : 'A';
      const tampered = `${token.slice(0, i)}${swapped}${token.slice(i + 1)}`;
      // The last character may carry only padding bits, which base64url decoding ignores.
      if (Buffer.from(tampered, 'base64url').equals(Buffer.from(token, 'base64url'))) continue;
      expect(readOrderLinkToken(tampered, SECRET, NOW), `character ${i}`).toBeNull();
    }
  });

  it('refuses truncated and extended tokens, old readable tokens and garbage', () => {
    const token = mintOrderLinkToken(claims, SECRET);
    for (const length of [0, 1, 16, 40, token.length - 22, token.length - 1]) expect(readOrderLinkToken(token.slice(0, length), SECRET, NOW)).toBeNull();
    expect(readOrderLinkToken(`${token}AAAA`, SECRET, NOW)).toBeNull();
    expect(readOrderLinkToken(`${token}.x`, SECRET, NOW)).toBeNull();
    const legacy = `${Buffer.from(JSON.stringify({ o: 'gid://shopify/Order/2', n: '#1002', t: null, l: null, e: 9999999999 })).toString('base64url')}.c2lnbmF0dXJl`;
    expect(readOrderLinkToken(legacy, SECRET, NOW)).toBeNull();
    for (const junk of ['abc', 'a.b.c', '%2e%2e', 'A'.repeat(5000), '🙂']) expect(readOrderLinkToken(junk, SECRET, NOW)).toBeNull();
  });

  it('refuses a genuine seal around claims of the wrong shape', () => {
    const token = mintOrderLinkToken({ ...claims, orderName: '' }, SECRET);
    expect(readOrderLinkToken(token, SECRET, NOW)).toBeNull();
  });
});
