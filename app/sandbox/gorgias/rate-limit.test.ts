import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.server';

function setup() {
  let now = Date.parse('2026-11-21T10:00:00Z');
  const limiter = createRateLimiter({ capacity: 40, windowSeconds: 20, clock: () => new Date(now) });
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('createRateLimiter', () => {
  it('admits 40 requests at once, refuses the 41st with a retry delay, and leaks 2 per second', () => {
    const { limiter, advance } = setup();
    for (let i = 1; i <= 40; i += 1) expect(limiter.admit('a')).toEqual({ ok: true, used: i, capacity: 40 });
    expect(limiter.admit('a')).toEqual({ ok: false, used: 40, capacity: 40, retryAfterSeconds: 1 });
    advance(500);
    expect(limiter.admit('a')).toMatchObject({ ok: true, used: 40 });
    advance(10_000);
    expect(limiter.admit('a')).toMatchObject({ ok: true, used: 21 });
  });

  it('keeps one bucket per credential', () => {
    const { limiter } = setup();
    for (let i = 0; i < 40; i += 1) limiter.admit('a');
    expect(limiter.admit('a').ok).toBe(false);
    expect(limiter.admit('b')).toEqual({ ok: true, used: 1, capacity: 40 });
  });
});
