import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { BudgetLedger } from './ports';

// Shopify's standard plan: 2000 points, 100 restored per second.
const SHOP = { capacity: 2000, ratePerSecond: 100 };
const T0 = Date.UTC(2030, 0, 1, 10, 3, 20);

/**
 * Behaviour every BudgetLedger must share. Keys are random so the suite can run against a
 * database that other runs also use.
 */
export function runBudgetLedgerContract(getLedger: () => BudgetLedger): void {
  const newKey = () => `test:${randomUUID()}`;

  it('lets requests through at once while the bucket holds them, then queues each behind the last', async () => {
    const ledger = getLedger();
    const key = newKey();
    expect(await ledger.take(key, SHOP, 1500, T0, 2_000)).toMatchObject({ taken: true, waitMs: 0 });
    expect(await ledger.take(key, SHOP, 500, T0, 2_000)).toMatchObject({ taken: true, waitMs: 0 });
    // Full: the next 100 points come back in 1 s, the 100 after that in 2 s.
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: true, waitMs: 2_000 });
    // A third would wait 3 s, past the limit: refused, and nothing is reserved for it.
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: false, waitMs: 3_000 });
    expect(await ledger.take(key, SHOP, 100, T0 + 1_000, 2_000)).toMatchObject({ taken: true, waitMs: 2_000 });
  });

  it('sends a request once the bucket has the room it asks for, holding only what it reserves', async () => {
    const ledger = getLedger();
    const key = newKey();
    // Shopify admits a query asking for 350 points while the bucket has them, and keeps about 40.
    expect(await ledger.take(key, SHOP, 1700, T0, 0)).toMatchObject({ taken: true, waitMs: 0 });
    expect(await ledger.take(key, SHOP, 40, T0, 2_000, 350)).toMatchObject({ taken: true, waitMs: 500 });
    expect(await ledger.take(key, SHOP, 40, T0, 2_000, 350)).toMatchObject({ taken: true, waitMs: 900 });
    expect(await ledger.take(key, SHOP, 40, T0, 1_000, 350)).toMatchObject({ taken: false, waitMs: 1_300 });
  });

  it('keeps buckets apart by key, and a new bucket takes the shape it is given', async () => {
    const ledger = getLedger();
    const [key, other] = [newKey(), newKey()];
    await ledger.take(key, SHOP, 2000, T0, 0);
    expect(await ledger.take(other, { capacity: 40, ratePerSecond: 2 }, 40, T0, 0)).toMatchObject({ taken: true, waitMs: 0 });
    expect(await ledger.take(other, { capacity: 40, ratePerSecond: 2 }, 1, T0, 1_000)).toMatchObject({ taken: true, waitMs: 500 });
  });

  it('drains at the bucket rate, never below empty, and ignores a clock running behind', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.take(key, SHOP, 2000, T0, 0);
    expect(await ledger.take(key, SHOP, 300, T0 + 2_000, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
    expect(await ledger.take(key, SHOP, 0, T0 + 1_000, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
    const empty = newKey();
    await ledger.take(empty, SHOP, 100, T0, 0);
    expect(await ledger.take(empty, SHOP, 2000, T0 + 60_000, 0)).toMatchObject({ taken: true, waitMs: 0 });
  });

  it('adopts a higher level the upstream reports, and the shape it describes', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.take(key, SHOP, 100, T0, 0);
    // Shopify says 1900 of 1000 used... on a bucket it now says is 1000 points restoring 50 per second.
    await ledger.observe(key, SHOP, { level: 950, capacity: 1000, ratePerSecond: 50 }, T0);
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
  });

  it('keeps its own level when the report is lower, since reservations in flight are not in it yet', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.take(key, SHOP, 2000, T0, 0);
    await ledger.observe(key, SHOP, { level: 10 }, T0);
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
  });

  it('gives back what was reserved but not charged', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.take(key, SHOP, 2000, T0, 0);
    await ledger.observe(key, SHOP, { adjust: -300 }, T0);
    expect(await ledger.take(key, SHOP, 300, T0, 0)).toMatchObject({ taken: true, waitMs: 0 });
    expect(await ledger.take(key, SHOP, 100, T0, 2_000)).toMatchObject({ taken: true, waitMs: 1_000 });
  });

  it('starts a bucket from a report made before any reservation', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.observe(key, SHOP, { level: 40, capacity: 40, ratePerSecond: 2 }, T0);
    expect(await ledger.take(key, SHOP, 1, T0, 1_000)).toMatchObject({ taken: true, waitMs: 500 });
  });

  it('answers with the bucket as it now holds it', async () => {
    const ledger = getLedger();
    const key = newKey();
    expect(await ledger.take(key, SHOP, 500, T0, 0)).toEqual({ taken: true, waitMs: 0, state: { level: 500, ...SHOP, atMs: T0 } });
    expect(await ledger.observe(key, SHOP, { adjust: -100, capacity: 1000, ratePerSecond: 50 }, T0 + 1_000)).toEqual({ level: 300, capacity: 1000, ratePerSecond: 50, atMs: T0 + 1_000 });
  });

  it('queues simultaneous callers one after the other, never two in the same place', async () => {
    const ledger = getLedger();
    const key = newKey();
    await ledger.take(key, SHOP, 2000, T0, 0);
    const waits = await Promise.all(Array.from({ length: 10 }, () => ledger.take(key, SHOP, 100, T0, 60_000)));
    expect(waits.map((w) => w.waitMs).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 1_000));
  });
}
