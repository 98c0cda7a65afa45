import { describe, expect, it } from 'vitest';
import { createMemoryBudgetLedger } from '~/budgets/memory-ledger';
import { isUpstreamError } from '~/utils/upstream-error';
import { createThrottleGate } from './throttle.server';

function setUp(maxWaitMs = 2_000) {
  let now = 0;
  const slept: number[] = [];
  const ledger = createMemoryBudgetLedger();
  const gate = (key = 'shop') => createThrottleGate({ ledger, key, now: () => now, sleep: async (ms) => void slept.push(ms), maxWaitMs });
  return { gate, slept, advance: (ms: number) => (now += ms) };
}

const STANDARD = { maximumAvailable: 2000, restoreRate: 100 };

describe('createThrottleGate', () => {
  it('does not wait while the bucket holds the request', async () => {
    const { gate, slept } = setUp();
    await gate().beforeRequest(250);
    expect(slept).toEqual([]);
  });

  it('waits just long enough for the bucket Shopify described to refill', async () => {
    const { gate, slept } = setUp();
    const shop = gate();
    await shop.beforeRequest(250);
    shop.record({ ...STANDARD, currentlyAvailable: 100 }, { reserved: 250, actual: 250 });
    await shop.beforeRequest(250);
    expect(slept).toEqual([1500]);
  });

  it('counts the points restored since the last response', async () => {
    const { gate, slept, advance } = setUp();
    const shop = gate();
    await shop.beforeRequest(250);
    shop.record({ ...STANDARD, currentlyAvailable: 100 }, { reserved: 250, actual: 250 });
    advance(1_000);
    await shop.beforeRequest(250);
    expect(slept).toEqual([500]);
  });

  it('gives back the points reserved but not charged', async () => {
    const { gate, slept } = setUp();
    const shop = gate();
    await shop.beforeRequest(1000);
    shop.record({ ...STANDARD, currentlyAvailable: 1990 }, { reserved: 1000, actual: 10 });
    await shop.beforeRequest(1900);
    expect(slept).toEqual([]);
  });

  it("lets many queries in at once while the bucket has room for each one's request, holding only what each is charged", async () => {
    const { gate, slept } = setUp();
    const shop = gate();
    shop.record({ ...STANDARD, currentlyAvailable: 2000 }, { reserved: 0, actual: 0 });
    // Shopify admits a query asking 350 points while 350 are free, and keeps the 40 it really cost.
    await Promise.all(Array.from({ length: 42 }, () => shop.beforeRequest(350, 40)));
    expect(slept).toEqual([]);
    // 42 × 40 = 1680 held: the next query's 350 would make 2030, 30 points (0.3 s) over.
    await shop.beforeRequest(350, 40);
    expect(slept).toEqual([300]);
  });

  it('queues two processes on one shop behind each other, so together they never overdraw it', async () => {
    const { gate, slept } = setUp(10_000);
    const [portalA, portalB] = [gate(), gate()];
    await portalA.beforeRequest(250);
    portalA.record({ ...STANDARD, currentlyAvailable: 250 }, { reserved: 250, actual: 250 });
    // The bucket holds 250: A's next request goes at once; B's, sent in the same instant, waits for 250 more.
    await Promise.all([portalA.beforeRequest(250), portalB.beforeRequest(250)]);
    expect(slept).toEqual([2500]);
    // Another shop's bucket is its own.
    await gate('other shop').beforeRequest(250);
    expect(slept).toEqual([2500]);
  });

  it('gives up with a retryable upstream error rather than keep a shopper waiting, reserving nothing', async () => {
    const { gate, slept } = setUp();
    const shop = gate();
    await shop.beforeRequest(250);
    shop.record({ maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 50 }, { reserved: 250, actual: 250 });
    const error = await shop.beforeRequest(250).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.code === 'THROTTLED' && error.retryable && error.retryAfterSeconds).toBe(5);
    expect(slept).toEqual([]);
    const again = await shop.beforeRequest(100).catch((e: unknown) => e);
    expect(again).toBeUndefined();
    expect(slept).toEqual([2000]);
  });
});
