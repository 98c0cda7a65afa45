import { describe, expect, it } from 'vitest';
import { SESSION_CACHE_MS, withSessionCache } from './cached-session-store';
import { createMemorySessionStore } from './memory-session-store.test-helpers';
import type { SessionStore } from './ports';
import { runSessionStoreContract } from './session-store-contract.test-helpers';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-rules';

const START = new Date('2030-03-01T09:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const ORDER = { orderId: 'gid://shopify/Order/1001', orderName: '#1001' };

/** Counts the reads that reach the wrapped store. */
function counting(store: SessionStore) {
  const counter = { reads: 0 };
  return {
    counter,
    store: { ...store, get: (token: string, now: Date) => ((counter.reads += 1), store.get(token, now)) } satisfies SessionStore,
  };
}

describe('session cache', () => {
  runSessionStoreContract(() => withSessionCache(createMemorySessionStore()));

  it('answers repeated page views from memory while the entry is fresh', async () => {
    const { store, counter } = counting(createMemorySessionStore());
    const cached = withSessionCache(store);
    const { token, session } = await cached.create(ORDER, START);
    for (let i = 0; i < 5; i++) expect(await cached.get(token, at(i * 100))).toEqual(session);
    expect(counter.reads).toBe(0);
    await cached.get(token, at(SESSION_CACHE_MS));
    expect(counter.reads).toBe(1);
  });

  it('ends a session signed out in this process at once', async () => {
    const cached = withSessionCache(createMemorySessionStore());
    const { token } = await cached.create(ORDER, START);
    expect(await cached.get(token, at(10))).not.toBeNull();
    await cached.revoke(token, at(20));
    expect(await cached.get(token, at(30))).toBeNull();
  });

  it('sees a sign-out made by another process once the entry is stale', async () => {
    const shared = createMemorySessionStore();
    const here = withSessionCache(shared);
    const elsewhere = withSessionCache(shared);
    const { token } = await here.create(ORDER, START);
    expect(await elsewhere.get(token, at(10))).not.toBeNull();
    await here.revoke(token, at(20));
    expect(await here.get(token, at(30))).toBeNull();
    expect(await elsewhere.get(token, at(10 + SESSION_CACHE_MS))).toBeNull();
  });

  it('ends idle and day-old sessions on time even when cached', async () => {
    const cached = withSessionCache(createMemorySessionStore(), { ttlMs: SESSION_ABSOLUTE_MS * 2 });
    const { token } = await cached.create(ORDER, START);
    expect(await cached.get(token, at(SESSION_IDLE_MS))).toBeNull();
  });

  it('does not keep a read that raced a sign-out', async () => {
    const inner = createMemorySessionStore();
    let releaseRevoke!: () => void;
    const slowRevoke: SessionStore = {
      ...inner,
      revoke: async (token, now) => {
        await new Promise<void>((resolve) => (releaseRevoke = resolve));
        await inner.revoke(token, now);
      },
    };
    const cached = withSessionCache(slowRevoke);
    const { token } = await cached.create(ORDER, START);
    const revoking = cached.revoke(token, at(10));
    // Read while the revocation is still on its way to the database: the row is active.
    expect(await cached.get(token, at(20))).not.toBeNull();
    releaseRevoke();
    await revoking;
    expect(await cached.get(token, at(30))).toBeNull();
  });

  it('forgets the oldest entries beyond its size', async () => {
    const { store, counter } = counting(createMemorySessionStore());
    const cached = withSessionCache(store, { maxEntries: 2 });
    const first = await cached.create(ORDER, START);
    await cached.create(ORDER, START);
    await cached.create(ORDER, START);
    expect(await cached.get(first.token, at(10))).not.toBeNull();
    expect(counter.reads).toBe(1);
  });
});
