import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbBudgetLedger } from '~/db/budget-ledger.server';
import { createDbRateLimitStore } from '~/db/rate-limit-store.server';
import { shopperSessions } from '~/db/schema';
import { createDbSessionStore } from '~/db/session-store.server';
import { TEST_SESSION_SECRET } from '~/session/memory-session-store.test-helpers';
import { runBudgetLedgerContract } from '~/budgets/budget-ledger-contract.test-helpers';
import { runRateLimitStoreContract } from '~/rate-limit/rate-limit-store-contract.test-helpers';
import { runSessionStoreContract } from '~/session/session-store-contract.test-helpers';

const postgresUrl = process.env.TEST_DATABASE_URL;

const backends = [
  { name: 'PGlite in memory', options: { dataDir: 'memory://' }, skip: false },
  {
    name: postgresUrl
      ? 'PostgreSQL (TEST_DATABASE_URL)'
      : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)',
    options: { url: postgresUrl },
    skip: !postgresUrl,
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(backend.name, () => {
    let handle: DatabaseHandle;
    const getDb = () => handle.db;

    beforeAll(async () => {
      handle = await createDatabase(backend.options);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it('applies the committed migrations', async () => {
      const tables = await getDb().execute<{ table_name: string }>(sql`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_name in ('shopper_sessions', 'rate_limits', 'rate_limit_counters')`);
      expect(tables.rows.map((row) => row.table_name).sort()).toEqual(['rate_limits', 'shopper_sessions']);
      const indexes = await getDb().execute<{ indexname: string }>(sql`
        select indexname from pg_indexes where tablename = 'rate_limits'`);
      expect(indexes.rows.map((row) => row.indexname)).toContain('rate_limits_expires_at_idx');
    });

    // Several portal processes starting at once must queue on the migration lock, not fail.
    it.runIf(backend.options.url)('opens again from several processes at once', async () => {
      const others = await Promise.all([1, 2, 3].map(() => createDatabase(backend.options)));
      expect(others.map((other) => other.kind)).toEqual(['postgres', 'postgres', 'postgres']);
      await Promise.all(others.map((other) => other.close()));
    });

    describe('session store', () => {
      runSessionStoreContract(() => createDbSessionStore(getDb(), { secret: TEST_SESSION_SECRET }));

      it('keeps only the token hash in the database', async () => {
        const { token, session } = await createDbSessionStore(getDb(), { secret: TEST_SESSION_SECRET }).create(
          { orderId: 'gid://shopify/Order/7', orderName: '#7' },
          new Date('2030-03-01T09:00:00Z')
        );
        const rows = await getDb()
          .select({ id: shopperSessions.id })
          .from(shopperSessions)
          .where(sql`${shopperSessions.id} in (${token}, ${session.id})`);
        expect(rows).toEqual([{ id: session.id }]);
      });
    });

    describe('rate-limit store', () => {
      runRateLimitStoreContract(() => createDbRateLimitStore(getDb()));
    });

    describe('budget ledger', () => {
      runBudgetLedgerContract(() => createDbBudgetLedger(getDb()));
    });
  });
}

describe('PGlite on disk', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'comptoir-db-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('creates a missing data folder and keeps data across restarts', async () => {
    const dataDir = path.join(parent, 'nested', 'pgdata');
    const first = await createDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    const { token } = await createDbSessionStore(first.db, { secret: TEST_SESSION_SECRET }).create(
      { orderId: 'gid://shopify/Order/1', orderName: '#1' },
      new Date('2030-03-01T09:00:00Z')
    );
    await first.close();

    const second = await createDatabase({ dataDir });
    const found = await createDbSessionStore(second.db, { secret: TEST_SESSION_SECRET }).get(
      token,
      new Date('2030-03-01T09:05:00Z')
    );
    await second.close();
    expect(found?.orderName).toBe('#1');
  });
});
