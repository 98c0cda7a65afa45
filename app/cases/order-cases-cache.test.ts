import { describe, expect, it } from 'vitest';
import type { Case, CaseStore } from './case-store';
import { ORDER_CASES_CACHE_MS, withOrderCaseListCache } from './order-cases-cache';

const START = new Date('2030-03-01T09:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const ORDER = 'gid://shopify/Order/1001';

/** A store holding cases by order: enough of the port for what the cache touches. */
function fakeStore() {
  const byOrder = new Map<string, Case[]>();
  const counter = { reads: 0 };
  const add = (orderId: string, id: string, state = 'received') =>
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), { id, orderId, state } as unknown as Case]);
  const store = {
    async listCasesForOrder(orderId: string) {
      counter.reads += 1;
      return byOrder.get(orderId) ?? [];
    },
    async openCase(input: { orderId: string }) {
      add(input.orderId, `C-${(byOrder.get(input.orderId)?.length ?? 0) + 1}`);
      return { status: 'opened' };
    },
    async getCase() {
      return null;
    },
  } as unknown as CaseStore;
  return { store, counter, add };
}

const ids = (cases: Case[]) => cases.map((c) => c.id);

describe('order case list cache', () => {
  it('serves repeated order-page views from memory while fresh', async () => {
    const { store, counter, add } = fakeStore();
    add(ORDER, 'C-1');
    const { orderCases } = withOrderCaseListCache(store);
    expect(ids(await orderCases.list(ORDER, at(0)))).toEqual(['C-1']);
    expect(ids(await orderCases.list(ORDER, at(500)))).toEqual(['C-1']);
    expect(counter.reads).toBe(1);
  });

  it('shows a case sent through this process at once', async () => {
    const { store } = fakeStore();
    const cached = withOrderCaseListCache(store);
    expect(await cached.orderCases.list(ORDER, at(0))).toEqual([]);
    await cached.store.openCase({ orderId: ORDER } as never, 'key', at(10));
    expect(ids(await cached.orderCases.list(ORDER, at(20)))).toEqual(['C-1']);
  });

  it('shows a case another process opened once the entry is stale', async () => {
    const { store, add } = fakeStore();
    const { orderCases } = withOrderCaseListCache(store);
    expect(await orderCases.list(ORDER, at(0))).toEqual([]);
    add(ORDER, 'C-1');
    expect(ids(await orderCases.list(ORDER, at(ORDER_CASES_CACHE_MS)))).toEqual(['C-1']);
  });

  it('leaves reads that decide things uncached', async () => {
    const { store, counter } = fakeStore();
    const cached = withOrderCaseListCache(store);
    await cached.store.listCasesForOrder(ORDER);
    await cached.store.listCasesForOrder(ORDER);
    expect(counter.reads).toBe(2);
  });

  it('does not keep a list read while a write was under way', async () => {
    const { store, add } = fakeStore();
    let finishWrite!: () => void;
    const slow = {
      ...store,
      openCase: async (input: { orderId: string }) => {
        await new Promise<void>((resolve) => (finishWrite = resolve));
        add(input.orderId, 'C-1');
        return { status: 'opened' };
      },
    } as unknown as CaseStore;
    const cached = withOrderCaseListCache(slow);
    const writing = cached.store.openCase({ orderId: ORDER } as never, 'key', at(0));
    expect(await cached.orderCases.list(ORDER, at(10))).toEqual([]);
    finishWrite();
    await writing;
    expect(ids(await cached.orderCases.list(ORDER, at(20)))).toEqual(['C-1']);
  });

  it('keeps what the order page derives from the cases (what can be returned) with them, and forgets it on a case written here', async () => {
    const { store } = fakeStore();
    const cached = withOrderCaseListCache(store);
    let computed = 0;
    const returnable = () => cached.orderCases.remember(`returnability:${ORDER}:en`, at(100), async () => `units left, read #${(computed += 1)}`);
    expect(await returnable()).toBe('units left, read #1');
    expect(await returnable()).toBe('units left, read #1');
    await cached.store.openCase({ orderId: ORDER } as never, 'key', at(200), () => []);
    expect(await returnable()).toBe('units left, read #2');
    expect(await cached.orderCases.remember(`returnability:${ORDER}:en`, at(100 + ORDER_CASES_CACHE_MS), async () => 'later')).toBe('later');
  });
});
