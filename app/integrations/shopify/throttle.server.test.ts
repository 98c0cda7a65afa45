import { describe, expect, it } from 'vitest';
import { isUpstreamError } from '~/utils/upstream-error';
import { createThrottleGate } from './throttle.server';

function setUp(maxWaitMs = 2_000) {
  let now = 0;
  const slept: number[] = [];
  const gate = createThrottleGate({ now: () => now, sleep: async (ms) => void slept.push(ms), maxWaitMs });
  return { gate, slept, advance: (ms: number) => (now += ms) };
}

describe('createThrottleGate', () => {
  it('does not wait before Shopify has said anything about the bucket', async () => {
    const { gate, slept } = setUp();
    await gate.beforeRequest(250);
    expect(slept).toEqual([]);
  });

  it('waits just long enough for the bucket to refill', async () => {
    const { gate, slept } = setUp();
    gate.record({ maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 });
    await gate.beforeRequest(250);
    expect(slept).toEqual([1500]);
  });

  it('counts the points restored since the last response', async () => {
    const { gate, slept, advance } = setUp();
    gate.record({ maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 });
    advance(1_000);
    await gate.beforeRequest(250);
    expect(slept).toEqual([500]);
  });

  it('gives up with a retryable upstream error rather than keep a shopper waiting', async () => {
    const { gate, slept } = setUp();
    gate.record({ maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 50 });
    const error = await gate.beforeRequest(250).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.code === 'THROTTLED' && error.retryable && error.retryAfterSeconds).toBe(5);
    expect(slept).toEqual([]);
  });
});
