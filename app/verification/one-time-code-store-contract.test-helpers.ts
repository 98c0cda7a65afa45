import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CodeBinding } from './code-rules';
import type { IssuedCode, OneTimeCodeStore } from './ports';

const MINUTE = 60 * 1000;
const LIMITS = { maxPerWindow: 3, windowMs: 60 * MINUTE, cooldownMs: 30 * 1000 };
const TTL = 10 * MINUTE;
const T0 = new Date('2030-01-01T10:03:20.123Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A code issued at `issuedAt`; hashes are opaque to the store, so any distinct string will do. */
const codeAt = (issuedAt: Date, codeId = randomUUID()): IssuedCode => ({
  codeId, codeHash: `hash-of-${codeId}`, issuedAt, expiresAt: new Date(issuedAt.getTime() + TTL),
});

/**
 * Behaviour every OneTimeCodeStore must share. Sessions are random so the suite can run against a
 * database that other runs also use.
 */
export function runOneTimeCodeStoreContract(getStore: () => OneTimeCodeStore): void {
  const newBinding = (): CodeBinding => ({ sessionId: `test-${randomUUID()}`, orderId: 'gid://shopify/Order/1001', purpose: 'address_change' });

  it('keeps the issued code with no tries, and nothing for a binding that has none', async () => {
    const store = getStore();
    const binding = newBinding();
    const code = codeAt(T0);
    expect(await store.issue(binding, code, LIMITS)).toEqual({ issued: true });
    expect(await store.read(binding)).toEqual({ ...code, tries: 0, consumedAt: null, sendWindowStart: T0, sendCount: 1, lastSentAt: T0 });
    expect(await store.read({ ...binding, orderId: 'gid://shopify/Order/1002' })).toBeNull();
    expect(await store.read({ ...binding, sessionId: `${binding.sessionId}-other` })).toBeNull();
  });

  it('replaces the code on a new send: the old one is dead, tries start again', async () => {
    const store = getStore();
    const binding = newBinding();
    const first = codeAt(T0);
    await store.issue(binding, first, LIMITS);
    await store.takeTry(binding, at(1000), 5);
    const second = codeAt(at(LIMITS.cooldownMs));
    expect(await store.issue(binding, second, LIMITS)).toEqual({ issued: true });
    expect(await store.read(binding)).toMatchObject({ codeId: second.codeId, codeHash: second.codeHash, tries: 0, sendCount: 2, sendWindowStart: T0 });
    expect(await store.consume(binding, first.codeId, at(LIMITS.cooldownMs + 1))).toBe(false);
  });

  it('refuses a send within the cooldown, then caps the sends of one window until it is over', async () => {
    const store = getStore();
    const binding = newBinding();
    await store.issue(binding, codeAt(T0), LIMITS);
    expect(await store.issue(binding, codeAt(at(LIMITS.cooldownMs - 1)), LIMITS)).toEqual({ issued: false, reason: 'cooldown', retryAt: at(LIMITS.cooldownMs) });
    expect(await store.issue(binding, codeAt(at(LIMITS.cooldownMs)), LIMITS)).toEqual({ issued: true });
    expect(await store.issue(binding, codeAt(at(10 * MINUTE)), LIMITS)).toEqual({ issued: true });
    expect(await store.issue(binding, codeAt(at(20 * MINUTE)), LIMITS)).toEqual({ issued: false, reason: 'too_many_sends', retryAt: at(LIMITS.windowMs) });
    expect(await store.issue(binding, codeAt(at(LIMITS.windowMs - 1)), LIMITS)).toMatchObject({ issued: false, reason: 'too_many_sends' });
    // The refused sends changed nothing: the code of the third send is still the one kept.
    expect(await store.read(binding)).toMatchObject({ sendCount: 3, lastSentAt: at(10 * MINUTE) });
    const next = codeAt(at(LIMITS.windowMs));
    expect(await store.issue(binding, next, LIMITS)).toEqual({ issued: true });
    expect(await store.read(binding)).toMatchObject({ codeId: next.codeId, sendWindowStart: at(LIMITS.windowMs), sendCount: 1 });
  });

  it('lets exactly one of many simultaneous sends through', async () => {
    const store = getStore();
    const binding = newBinding();
    const codes = Array.from({ length: 12 }, () => codeAt(T0));
    const results = await Promise.all(codes.map((code) => store.issue(binding, code, LIMITS)));
    expect(results.filter((result) => result.issued)).toHaveLength(1);
    expect(results.filter((result) => !result.issued)).toEqual(Array(11).fill({ issued: false, reason: 'cooldown', retryAt: at(LIMITS.cooldownMs) }));
    const kept = codes[results.findIndex((result) => result.issued)]!;
    expect(await store.read(binding)).toMatchObject({ codeId: kept.codeId, sendCount: 1 });
  });

  it('counts tries, refuses once they are used up, and says why it refuses', async () => {
    const store = getStore();
    const binding = newBinding();
    expect(await store.takeTry(binding, T0, 5)).toEqual({ taken: false, reason: 'none' });
    const code = codeAt(T0);
    await store.issue(binding, code, LIMITS);
    for (let tried = 1; tried <= 5; tried += 1) {
      expect(await store.takeTry(binding, at(tried), 5)).toEqual({ taken: true, codeId: code.codeId, codeHash: code.codeHash, triesUsed: tried });
    }
    expect(await store.takeTry(binding, at(6), 5)).toEqual({ taken: false, reason: 'locked' });
    expect(await store.consume(binding, code.codeId, at(7))).toBe(true);
    expect(await store.takeTry(binding, at(8), 5)).toEqual({ taken: false, reason: 'none' });
  });

  it('takes tries until the instant the code expires, not at it', async () => {
    const store = getStore();
    const binding = newBinding();
    const code = codeAt(T0);
    await store.issue(binding, code, LIMITS);
    expect(await store.takeTry(binding, new Date(code.expiresAt.getTime() - 1), 5)).toMatchObject({ taken: true, triesUsed: 1 });
    expect(await store.takeTry(binding, code.expiresAt, 5)).toEqual({ taken: false, reason: 'expired' });
    expect(await store.read(binding)).toMatchObject({ tries: 1 });
  });

  it('gives at most max tries to many simultaneous guesses', async () => {
    const store = getStore();
    const binding = newBinding();
    await store.issue(binding, codeAt(T0), LIMITS);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.takeTry(binding, at(1), 5)));
    expect(results.filter((result) => result.taken).map((result) => result.taken && result.triesUsed).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(results.filter((result) => !result.taken)).toEqual(Array(15).fill({ taken: false, reason: 'locked' }));
  });

  it('consumes a code once: of simultaneous consumptions exactly one wins', async () => {
    const store = getStore();
    const binding = newBinding();
    const code = codeAt(T0);
    await store.issue(binding, code, LIMITS);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.consume(binding, code.codeId, at(1000))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.read(binding)).toMatchObject({ consumedAt: at(1000) });
    expect(await store.consume(binding, code.codeId, at(2000))).toBe(false);
    expect(await store.consume(newBinding(), code.codeId, at(2000))).toBe(false);
  });

  it('deletes rows once their code and their sending window are both over, and keeps the rest', async () => {
    const store = getStore();
    const [old, recent] = [newBinding(), newBinding()];
    const long = new Date('2001-01-01T10:00:00Z');
    await store.issue(old, codeAt(long), LIMITS);
    await store.issue(recent, codeAt(new Date(long.getTime() + 30 * MINUTE)), LIMITS);
    expect(await store.deleteExpired(new Date(long.getTime() + LIMITS.windowMs))).toBeGreaterThanOrEqual(1);
    expect(await store.read(old)).toBeNull();
    expect(await store.read(recent)).not.toBeNull();
  });
}
