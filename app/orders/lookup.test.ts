import { describe, expect, it } from 'vitest';
import { createLookupLimiter } from '~/rate-limit/lookup-limiter';
import { createMemoryRateLimitStore } from '~/rate-limit/memory-rate-limit-store.test-helpers';
import { createMemorySessionStore } from '~/session/memory-session-store.test-helpers';
import { lookUpOrder, type SecondFactor } from './lookup';
import type { OrderSource } from './ports';
import { anOrder } from './test-fixtures';
import type { Order } from './types';

const NOW = new Date('2026-11-21T10:00:00Z');
/** Work after the answer runs as it would in the portal; a failure in it fails the test run. */
const background = (work: () => Promise<void>) => void work();

/** A store with one order; the fake answers like Shopify's search: name and email must both match. */
function setUp(orders: Order[] = [anOrder()], secondFactor: SecondFactor = 'none') {
  const calls: string[] = [];
  const source: OrderSource = {
    async findOrderForShopper({ orderNumber, email }) {
      calls.push(`${orderNumber}/${email}`);
      return orders.find((o) => o.name === `#${orderNumber}` && o.email === email) ?? null;
    },
    async getOrder(id) {
      return orders.find((o) => o.id === id) ?? null;
    },
  };
  const sessions = createMemorySessionStore();
  const guard = createLookupLimiter({ store: createMemoryRateLimitStore(), hashKey: (v) => `h(${v})` });
  const run = (orderNumber: string, email: string, secondFactorValue: string | null = null, clientAddress = '203.0.113.9') =>
    lookUpOrder({ orders: source, guard, sessions, secondFactor, background }, { orderNumber, email, secondFactor: secondFactorValue, clientAddress }, NOW);
  return { run, calls, sessions };
}

describe('lookUpOrder', () => {
  it('opens a session scoped to the order the shopper proved', async () => {
    const { run, sessions } = setUp();
    const outcome = await run('1001', 'camille.martin@example.com');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const session = await sessions.get(outcome.sessionToken, NOW);
    expect(session).toMatchObject({ orderId: 'gid://shopify/Order/1', orderName: '#1001' });
  });

  it('lets the shopper in before the session row has learnt its order, and keeps no row for a failed guess', async () => {
    const later: (() => Promise<void>)[] = [];
    const sessions = createMemorySessionStore();
    const source: OrderSource = { findOrderForShopper: async ({ email }) => (email === 'camille.martin@example.com' ? anOrder() : null), getOrder: async () => null };
    const guard = createLookupLimiter({ store: createMemoryRateLimitStore(), hashKey: (v) => v });
    const deps = { orders: source, guard, sessions, secondFactor: 'none' as const, background: (work: () => Promise<void>) => void later.push(work) };
    const attempt = (email: string) => ({ orderNumber: '1001', email, secondFactor: null, clientAddress: '203.0.113.9' });

    const wrong = await lookUpOrder(deps, attempt('someone.else@example.com'), NOW);
    expect(wrong).toEqual({ ok: false, reason: 'notFound' });
    const outcome = await lookUpOrder(deps, attempt('camille.martin@example.com'), NOW);
    if (!outcome.ok) throw new Error('the right email was refused');
    // Nothing after the answer has run yet: the cookie alone names the order.
    expect(await sessions.get(outcome.sessionToken, NOW)).toMatchObject({ orderId: 'gid://shopify/Order/1', orderName: '#1001' });
    expect(sessions.rowCount()).toBe(2);
    for (const work of later.splice(0)) await work();
    expect(sessions.rowCount()).toBe(1);
    expect(await sessions.get(outcome.sessionToken, NOW)).toMatchObject({ orderId: 'gid://shopify/Order/1', orderName: '#1001' });
  });

  it('answers an unknown order and a wrong email in exactly the same way', async () => {
    const { run } = setUp();
    expect(await run('9999', 'camille.martin@example.com')).toEqual({ ok: false, reason: 'notFound' });
    expect(await run('1001', 'someone.else@example.com')).toEqual({ ok: false, reason: 'notFound' });
  });

  it('locks an order number after five failures, even for the right email', async () => {
    const { run, calls } = setUp();
    for (let i = 0; i < 5; i++) expect(await run('1001', `guess${i}@example.com`, null, `198.51.100.${i}`)).toMatchObject({ reason: 'notFound' });
    const sixth = await run('1001', 'camille.martin@example.com', null, '198.51.100.77');
    expect(sixth).toMatchObject({ ok: false, reason: 'locked' });
    expect(sixth.ok === false && sixth.reason === 'locked' && sixth.retryAfterSeconds).toBeGreaterThan(0);
    expect(calls).toHaveLength(5);
  });

  it('asks Shopify at most five times for ten simultaneous wrong guesses at one order', async () => {
    const { run, calls } = setUp();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => run('1001', `guess${i}@example.com`, null, `198.51.100.${i}`)));
    expect(calls).toHaveLength(5);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'locked')).toHaveLength(5);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'notFound')).toHaveLength(5);
  });

  it('does not count a lookup Shopify did not answer, nor one that succeeded', async () => {
    let down = true;
    const source: OrderSource = {
      findOrderForShopper: async ({ orderNumber, email }) => {
        if (down) throw new Error('Shopify unavailable');
        return orderNumber === '1001' && email === 'camille.martin@example.com' ? anOrder() : null;
      },
      getOrder: async () => null,
    };
    const guard = createLookupLimiter({ store: createMemoryRateLimitStore(), hashKey: (v) => v });
    const deps = { orders: source, guard, sessions: createMemorySessionStore(), secondFactor: 'none' as const, background };
    const attempt = (email: string) => ({ orderNumber: '1001', email, secondFactor: null, clientAddress: '203.0.113.9' });
    for (let i = 0; i < 6; i++) await expect(lookUpOrder(deps, attempt('camille.martin@example.com'), NOW)).rejects.toThrow('Shopify unavailable');
    down = false;
    for (let i = 0; i < 3; i++) expect(await lookUpOrder(deps, attempt('camille.martin@example.com'), NOW)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) expect(await lookUpOrder(deps, attempt(`guess${i}@example.com`), NOW)).toEqual({ ok: false, reason: 'notFound' });
    expect(await lookUpOrder(deps, attempt('camille.martin@example.com'), NOW)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('asks Shopify while its slots are being taken, so the shopper waits for one, not both', async () => {
    const events: string[] = [];
    const store = createMemoryRateLimitStore();
    let letTakesThrough: () => void = () => {};
    const takesHeld = new Promise<void>((resolve) => (letTakesThrough = resolve));
    const slowStore = { ...store, take: async (...args: Parameters<typeof store.take>) => (await takesHeld, events.push('slot taken'), store.take(...args)) };
    const source: OrderSource = {
      findOrderForShopper: async () => (events.push('Shopify asked'), anOrder()),
      getOrder: async () => null,
    };
    const guard = createLookupLimiter({ store: slowStore, hashKey: (v) => v });
    const outcome = lookUpOrder({ orders: source, guard, sessions: createMemorySessionStore(), secondFactor: 'none', background }, { orderNumber: '1001', email: 'camille.martin@example.com', secondFactor: null, clientAddress: '203.0.113.9' }, NOW);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(['Shopify asked']);
    letTakesThrough();
    expect(await outcome).toMatchObject({ ok: true });
  });

  it('answers "locked" for a locked order even when Shopify, asked ahead by another process, failed', async () => {
    const store = createMemoryRateLimitStore();
    const wrong: OrderSource = { findOrderForShopper: async () => null, getOrder: async () => null };
    const down: OrderSource = { findOrderForShopper: async () => Promise.reject(new Error('Shopify unavailable')), getOrder: async () => null };
    const processA = { guard: createLookupLimiter({ store, hashKey: (v) => v }), sessions: createMemorySessionStore(), secondFactor: 'none' as const, background };
    // Process B shares the database but has seen no lock, so it asks Shopify ahead.
    const processB = { ...processA, guard: createLookupLimiter({ store, hashKey: (v) => v }) };
    const attempt = (clientAddress: string) => ({ orderNumber: '1001', email: 'x@example.com', secondFactor: null, clientAddress });
    for (let i = 0; i < 5; i++) expect(await lookUpOrder({ ...processA, orders: wrong }, attempt(`198.51.100.${i}`), NOW)).toEqual({ ok: false, reason: 'notFound' });
    expect(processB.guard.mayAskAhead(attempt('198.51.100.99'), NOW)).toBe(true);
    expect(await lookUpOrder({ ...processB, orders: down }, attempt('198.51.100.99'), NOW)).toMatchObject({ ok: false, reason: 'locked' });
    // Now B knows: its next attempt at this order does not ask Shopify at all.
    expect(processB.guard.mayAskAhead(attempt('198.51.100.98'), NOW)).toBe(false);
  });

  it('refuses an order that Shopify search returned but whose name or email is not exactly the one typed', async () => {
    const looseSearch: OrderSource = {
      findOrderForShopper: async () => anOrder({ name: '#10011', email: 'Camille.Martin@example.com' }),
      getOrder: async () => null,
    };
    const guard = createLookupLimiter({ store: createMemoryRateLimitStore(), hashKey: (v) => v });
    const deps = { orders: looseSearch, guard, sessions: createMemorySessionStore(), secondFactor: 'none' as const, background };
    const attempt = { orderNumber: '1001', email: 'camille.martin@example.com', secondFactor: null, clientAddress: '203.0.113.9' };
    expect(await lookUpOrder(deps, attempt, NOW)).toEqual({ ok: false, reason: 'notFound' });
    expect(await lookUpOrder(deps, { ...attempt, orderNumber: '10011' }, NOW)).toMatchObject({ ok: true });
  });

  it('checks the postal code when the store asks for it', async () => {
    const { run } = setUp([anOrder()], 'zip');
    expect(await run('1001', 'camille.martin@example.com', '75 011')).toMatchObject({ ok: true });
    expect(await run('1001', 'camille.martin@example.com', '75012')).toEqual({ ok: false, reason: 'notFound' });
    expect(await run('1001', 'camille.martin@example.com', null)).toEqual({ ok: false, reason: 'notFound' });
  });

  it('checks the phone when the store asks for it', async () => {
    const { run } = setUp([anOrder()], 'phone');
    expect(await run('1001', 'camille.martin@example.com', '06 12 34 56 78')).toMatchObject({ ok: true });
    expect(await run('1001', 'camille.martin@example.com', '06 00 00 00 00')).toEqual({ ok: false, reason: 'notFound' });
  });
});
