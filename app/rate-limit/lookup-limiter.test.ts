import { describe, expect, it } from 'vitest';
import { hashIdentifier } from '~/session/hash.server';
import { createLookupLimiter, type LookupLimiterOptions } from './lookup-limiter';
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
  const spy: RateLimitStore = {
    ...store,
    hit: (key, windowStart, windowMs) => (keys.push(key), store.hit(key, windowStart, windowMs)),
  };
  const limiter = createLookupLimiter({
    store: spy,
    hashKey: (value) => hashIdentifier(SECRET, value),
    random: () => 0.5,
    ...options,
  });
  return { limiter, store, keys };
}

async function fail(
  times: number,
  limiter: ReturnType<typeof setUp>['limiter'],
  attempt = shopper
) {
  for (let i = 0; i < times; i += 1) await limiter.recordFailure(attempt, NOW);
}

describe('lookup limiter', () => {
  it('allows five failed lookups of an order and refuses the sixth', async () => {
    const { limiter } = setUp();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await limiter.check(shopper, NOW)).toEqual({ allowed: true });
      await limiter.recordFailure(shopper, NOW);
    }
    expect(await limiter.check(shopper, NOW)).toMatchObject({ allowed: false });
  });

  it('tells the caller on the fifth failure that the next attempt is refused', async () => {
    const { limiter } = setUp();
    await fail(4, limiter);
    expect(await limiter.recordFailure(shopper, NOW)).toMatchObject({ allowed: false });
  });

  it('caps an order across clients and spellings of its number', async () => {
    const { limiter } = setUp();
    const spellings = ['#1001', '1001', ' #1001 ', '# 1001', '1001'];
    for (const [index, orderNumber] of spellings.entries()) {
      await limiter.recordFailure({ orderNumber, clientAddress: `198.51.100.${index}` }, NOW);
    }
    const fresh = { orderNumber: '1001', clientAddress: '192.0.2.200' };
    expect(await limiter.check(fresh, NOW)).toMatchObject({ allowed: false });
    expect(await limiter.check({ ...fresh, orderNumber: '1002' }, NOW)).toEqual({ allowed: true });
  });

  it('caps one client at 20 failures across different order numbers', async () => {
    const { limiter } = setUp();
    for (let order = 1; order <= 20; order += 1) {
      const attempt = { ...shopper, orderNumber: `#${2000 + order}` };
      expect(await limiter.check(attempt, NOW)).toEqual({ allowed: true });
      await limiter.recordFailure(attempt, NOW);
    }
    expect(await limiter.check({ ...shopper, orderNumber: '#3000' }, NOW)).toMatchObject({
      allowed: false,
    });
    const otherClient = { orderNumber: '#3000', clientAddress: '203.0.113.8' };
    expect(await limiter.check(otherClient, NOW)).toEqual({ allowed: true });
  });

  it('counts a whole IPv6 /64 as one client', async () => {
    const { limiter } = setUp();
    for (let order = 1; order <= 20; order += 1) {
      const clientAddress = `2001:db8:1:2::${order.toString(16)}`;
      await limiter.recordFailure({ orderNumber: `#${2000 + order}`, clientAddress }, NOW);
    }
    const rotated = { orderNumber: '#3000', clientAddress: '2001:db8:1:2:ffff::1' };
    expect(await limiter.check(rotated, NOW)).toMatchObject({ allowed: false });
  });

  it('lets the shopper try again once the window has passed', async () => {
    const { limiter } = setUp();
    await fail(5, limiter);
    // NOW is 10:03:20; the 15-minute window runs 10:00–10:15.
    expect(await limiter.check(shopper, later(11 * MINUTE + 39_000))).toMatchObject({
      allowed: false,
    });
    expect(await limiter.check(shopper, later(11 * MINUTE + 40_000))).toEqual({ allowed: true });
  });

  it('says how many seconds are left until the window ends', async () => {
    const { limiter } = setUp();
    await fail(5, limiter);
    expect(await limiter.check(shopper, NOW)).toEqual({ allowed: false, retryAfterSeconds: 700 });
    expect(await limiter.check(shopper, later(699_500))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it('waits for the later window when both caps are reached', async () => {
    const { limiter } = setUp();
    await fail(20, limiter);
    // The hourly client window runs 10:00–11:00.
    expect(await limiter.check(shopper, NOW)).toEqual({ allowed: false, retryAfterSeconds: 3400 });
  });

  it('stores only keyed hashes of prefixed identifiers', async () => {
    const { limiter, keys } = setUp();
    await limiter.recordFailure(shopper, NOW);
    expect(keys.sort()).toEqual(
      [hashIdentifier(SECRET, 'order:1001'), hashIdentifier(SECRET, 'client:203.0.113.7')].sort()
    );
  });

  it('keeps counting after a success unless told to reset the order', async () => {
    const kept = setUp();
    await fail(5, kept.limiter);
    await kept.limiter.recordSuccess(shopper);
    expect(await kept.limiter.check(shopper, NOW)).toMatchObject({ allowed: false });

    const reset = setUp({ resetOrderOnSuccess: true });
    await fail(20, reset.limiter, { ...shopper, orderNumber: '#1' });
    await fail(5, reset.limiter, { ...shopper, clientAddress: '192.0.2.1' });
    await reset.limiter.recordSuccess(shopper);
    const sameOrderNewClient = { ...shopper, clientAddress: '192.0.2.2' };
    expect(await reset.limiter.check(sameOrderNewClient, NOW)).toEqual({ allowed: true });
    expect(await reset.limiter.check(shopper, NOW)).toMatchObject({ allowed: false });
  });

  it('sweeps windows older than the longest rule when the dice say so', async () => {
    const sweeping = setUp({ random: () => 0 });
    await sweeping.limiter.recordFailure(shopper, later(-2 * 60 * MINUTE));
    expect(sweeping.store.size()).toBe(2);
    await sweeping.limiter.recordFailure(shopper, NOW);
    expect(sweeping.store.size()).toBe(2);

    const idle = setUp({ random: () => 0.5 });
    await idle.limiter.recordFailure(shopper, later(-2 * 60 * MINUTE));
    await idle.limiter.recordFailure(shopper, NOW);
    expect(idle.store.size()).toBe(4);
  });
});
