import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '~/session/hash.server';
import { createLookupLimiter, type LookupAttempt, type LookupLimiterOptions } from './lookup-limiter';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.test-helpers';
import type { RateLimitStore } from './ports';

const SECRET = 'test-secret';
const NOW = new Date('2030-01-01T10:03:20Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60 * 1000;
const shopper = { orderNumber: '#1001', clientAddress: '203.0.113.7' };

function setUp(options: Partial<LookupLimiterOptions> = {}) {
  const store = createMemoryRateLimitStore();
  const keys: string[] = [];
  const spy: RateLimitStore = { ...store, take: (key, rule, now) => (keys.push(key), store.take(key, rule, now)) };
  const limiter = createLookupLimiter({ store: spy, hashKey: (value) => hashIdentifier(SECRET, value), random: () => 0.5, ...options });
  /** `times` lookups that fail: each takes its slots and keeps them. */
  const fail = async (times: number, attempt: LookupAttempt = shopper, at = NOW) => {
    for (let i = 0; i < times; i += 1) expect(await limiter.reserve(attempt, at), `failure ${i + 1}`).toMatchObject({ allowed: true });
  };
  /** One lookup that succeeds (or is not answered): its slots go back. */
  const pass = async (attempt: LookupAttempt = shopper, at = NOW, outcome: 'success' | 'unanswered' = 'success') => {
    const decision = await limiter.reserve(attempt, at);
    if (!decision.allowed) throw new Error('refused');
    await limiter.release(decision.reservation, outcome);
  };
  return { limiter, store, keys, fail, pass };
}

describe('lookup limiter', () => {
  it('asks Shopify ahead only while this process has not seen the order or client locked, and not during another reservation of them', async () => {
    const { limiter, fail, pass } = setUp();
    expect(limiter.mayAskAhead(shopper, NOW)).toBe(true);
    const pending = limiter.reserve(shopper, NOW);
    expect(limiter.mayAskAhead({ ...shopper, clientAddress: '198.51.100.1' }, NOW)).toBe(false);
    expect(limiter.mayAskAhead({ orderNumber: '#2002', clientAddress: '198.51.100.1' }, NOW)).toBe(true);
    await pending;
    await fail(4);
    // The fifth failure took the last slot, locking the order for 15 minutes.
    expect(limiter.mayAskAhead({ ...shopper, clientAddress: '198.51.100.1' }, later(14 * MINUTE))).toBe(false);
    expect(limiter.mayAskAhead({ ...shopper, clientAddress: '198.51.100.1' }, later(15 * MINUTE))).toBe(true);
    // A success that gives back the locking slot lifts the lock, here as in the database.
    const other = { orderNumber: '#3003', clientAddress: '198.51.100.2' };
    await fail(4, other);
    await pass(other);
    expect(limiter.mayAskAhead(other, NOW)).toBe(true);
  });

  it('allows five failed lookups of an order and refuses the sixth, even for the right email', async () => {
    const { limiter, fail } = setUp();
    await fail(5);
    expect(await limiter.reserve(shopper, NOW)).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
  });

  it('lets five of ten simultaneous guesses at one order through, however they interleave', async () => {
    const { limiter } = setUp();
    const guesses = Array.from({ length: 10 }, (_, i) => limiter.reserve({ orderNumber: '#1001', clientAddress: `198.51.100.${i}` }, NOW));
    const decisions = await Promise.all(guesses);
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    expect(decisions.filter((decision) => !decision.allowed)).toEqual(Array(5).fill({ allowed: false, retryAfterSeconds: 900 }));
  });

  it('caps an order across clients and spellings of its number', async () => {
    const { limiter, fail } = setUp();
    for (const [index, orderNumber] of ['#1001', '1001', ' #1001 ', '# 1001', '1001'].entries()) {
      await fail(1, { orderNumber, clientAddress: `198.51.100.${index}` });
    }
    const fresh = { orderNumber: '1001', clientAddress: '192.0.2.200' };
    expect(await limiter.reserve(fresh, NOW)).toMatchObject({ allowed: false });
    expect(await limiter.reserve({ ...fresh, orderNumber: '1002' }, NOW)).toMatchObject({ allowed: true });
  });

  it('caps one client at 20 failures across different order numbers', async () => {
    const { limiter, fail } = setUp();
    for (let order = 1; order <= 20; order += 1) await fail(1, { ...shopper, orderNumber: `#${2000 + order}` });
    expect(await limiter.reserve({ ...shopper, orderNumber: '#3000' }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 60 * 60 });
    expect(await limiter.reserve({ orderNumber: '#3000', clientAddress: '203.0.113.8' }, NOW)).toMatchObject({ allowed: true });
  });

  it('counts a whole IPv6 /64 as one client', async () => {
    const { limiter, fail } = setUp();
    for (let order = 1; order <= 20; order += 1) await fail(1, { orderNumber: `#${2000 + order}`, clientAddress: `2001:db8:1:2::${order.toString(16)}` });
    expect(await limiter.reserve({ orderNumber: '#3000', clientAddress: '2001:db8:1:2:ffff::1' }, NOW)).toMatchObject({ allowed: false });
  });

  it('locks for the whole window from the fifth failure, even one made just before the window would have ended', async () => {
    const { limiter, fail } = setUp();
    await fail(4);
    const fifth = later(14 * MINUTE);
    await fail(1, shopper, fifth);
    const lockEnds = fifth.getTime() + 15 * MINUTE;
    expect(await limiter.reserve(shopper, later(14 * MINUTE + 1000))).toEqual({ allowed: false, retryAfterSeconds: 899 });
    expect(await limiter.reserve(shopper, later(15 * MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
    expect(await limiter.reserve(shopper, new Date(lockEnds - 500))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.reserve(shopper, new Date(lockEnds))).toMatchObject({ allowed: true });
  });

  it('forgets failures once their window is over without reaching the cap', async () => {
    const { limiter, fail } = setUp();
    await fail(4);
    await fail(4, shopper, later(15 * MINUTE));
    expect(await limiter.reserve(shopper, later(15 * MINUTE))).toMatchObject({ allowed: true });
  });

  it('waits for the later lock when both caps are reached', async () => {
    const { limiter, fail } = setUp();
    await fail(5);
    for (let order = 1; order <= 15; order += 1) await fail(1, { ...shopper, orderNumber: `#${2000 + order}` }, later(10 * MINUTE));
    // The order is locked 5 more minutes, the client (its twentieth failure just now) an hour.
    expect(await limiter.reserve(shopper, later(10 * MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 60 * 60 });
  });

  it('does not count a lookup that succeeded or that Shopify never answered', async () => {
    const { limiter, fail, pass } = setUp();
    await fail(4);
    // The fifth slot locked the order while the lookup ran; its success lifts the lock again.
    await pass();
    await pass(shopper, NOW, 'unanswered');
    await fail(1);
    expect(await limiter.reserve(shopper, NOW)).toMatchObject({ allowed: false });
  });

  it('uses up nothing of an order when the client cap refuses the attempt', async () => {
    const { limiter, fail } = setUp();
    for (let order = 1; order <= 20; order += 1) await fail(1, { ...shopper, orderNumber: `#${2000 + order}` });
    for (let i = 0; i < 10; i += 1) expect(await limiter.reserve(shopper, NOW)).toMatchObject({ allowed: false });
    await fail(5, { ...shopper, clientAddress: '192.0.2.9' });
  });

  it('stores only keyed hashes of prefixed identifiers', async () => {
    const { keys, fail } = setUp();
    await fail(1);
    expect(keys.sort()).toEqual([hashIdentifier(SECRET, 'order:1001'), hashIdentifier(SECRET, 'client:203.0.113.7')].sort());
  });

  it('keeps counting after a success unless told to reset the order', async () => {
    const kept = setUp();
    await kept.fail(4);
    await kept.pass();
    await kept.fail(1);
    expect(await kept.limiter.reserve(shopper, NOW)).toMatchObject({ allowed: false });

    const reset = setUp({ resetOrderOnSuccess: true });
    await reset.fail(4, { ...shopper, clientAddress: '192.0.2.1' });
    for (let order = 1; order <= 19; order += 1) await reset.fail(1, { ...shopper, orderNumber: `#${2000 + order}` });
    await reset.pass();
    await reset.fail(5, { ...shopper, clientAddress: '192.0.2.2' });
    // The client's own failures are never wiped by its success: its twentieth locks it.
    await reset.fail(1, { ...shopper, orderNumber: '#3000' });
    expect(await reset.limiter.reserve({ ...shopper, orderNumber: '#3001' }, NOW)).toMatchObject({ allowed: false });
  });

  it('sweeps expired rows when the dice say so', async () => {
    const sweeping = setUp({ random: () => 0 });
    await sweeping.fail(1, shopper, later(-2 * 60 * MINUTE));
    expect(sweeping.store.size()).toBe(2);
    await sweeping.fail(1, { orderNumber: '#2', clientAddress: '192.0.2.1' });
    expect(sweeping.store.size()).toBe(2);

    const idle = setUp({ random: () => 0.5 });
    await idle.fail(1, shopper, later(-2 * 60 * MINUTE));
    await idle.fail(1, { orderNumber: '#2', clientAddress: '192.0.2.1' });
    expect(idle.store.size()).toBe(4);
  });
});
