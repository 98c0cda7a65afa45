import { describe, expect, it } from 'vitest';
import { mintAgentLinkToken, readAgentLinkToken, toAgentCaseUrl } from './agent-link.server';
import { mintOrderLinkToken, readOrderLinkToken } from './order-link.server';

const SECRET = 'a'.repeat(40);
const NOW = new Date('2026-11-21T10:00:00Z');
const claims = { caseId: 'C-7KQ2M9XA', expiresAt: new Date('2026-12-21T10:00:00Z') };

describe('agent links', () => {
  it('round-trips a genuine token until the second it expires', () => {
    const token = mintAgentLinkToken(claims, SECRET);
    expect(readAgentLinkToken(token, SECRET, NOW)).toEqual({ ok: true, claims });
    expect(readAgentLinkToken(token, SECRET, new Date('2026-12-21T09:59:59Z')).ok).toBe(true);
    expect(readAgentLinkToken(token, SECRET, new Date('2026-12-21T10:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('shows nothing of the case to whoever reads the URL', () => {
    const token = mintAgentLinkToken(claims, SECRET);
    const decoded = [0, 1, 2, 3].map((skip) => Buffer.from(token.slice(skip), 'base64url').toString('latin1')).join('\n');
    for (const part of ['C-7KQ2M9XA', '7KQ2M9XA', '{"c"']) expect(`${token}\n${decoded}`).not.toContain(part);
  });

  it('refuses any one character changed, truncation, another secret and garbage as invalid', () => {
    const token = mintAgentLinkToken(claims, SECRET);
    for (let i = 0; i < token.length; i++) {
      const tampered = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      if (Buffer.from(tampered, 'base64url').equals(Buffer.from(token, 'base64url'))) continue;
      expect(readAgentLinkToken(tampered, SECRET, NOW), `character ${i}`).toEqual({ ok: false, reason: 'invalid' });
    }
    for (const length of [0, 10, token.length - 1]) expect(readAgentLinkToken(token.slice(0, length), SECRET, NOW).ok).toBe(false);
    expect(readAgentLinkToken(token, 'b'.repeat(40), NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['abc', '../etc', 'A'.repeat(5000)]) expect(readAgentLinkToken(junk, SECRET, NOW).ok).toBe(false);
  });

  it('never takes a shopper order link for an agent link, nor the other way round', () => {
    const shopper = mintOrderLinkToken({ orderId: 'gid://shopify/Order/1', orderName: '#1001', ticketId: null, language: null, expiresAt: claims.expiresAt }, SECRET);
    expect(readAgentLinkToken(shopper, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(readOrderLinkToken(mintAgentLinkToken(claims, SECRET), SECRET, NOW)).toBeNull();
  });

  it('builds the page URL on the public address, expiring after the configured time', () => {
    const url = toAgentCaseUrl({ publicUrl: 'https://portal.example', secret: SECRET, ttlMs: 30 * 86_400_000 }, claims.caseId, NOW);
    expect(url).toMatch(/^https:\/\/portal\.example\/agent\/cases\/[A-Za-z0-9_-]+$/);
    const token = url.split('/').pop()!;
    expect(readAgentLinkToken(token, SECRET, NOW)).toEqual({ ok: true, claims });
  });
});
