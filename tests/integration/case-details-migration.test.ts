import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { createDbCaseStore } from '~/db/case-store.server';
import type { Database } from '~/db/client.server';
import * as schema from '~/db/schema';

const MIGRATIONS = path.resolve('app/db/migrations');

/** The committed migrations up to and including `last`: a database as an older release left it. */
function migrationsUpTo(last: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'comptoir-migrations-'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= last);
  cpSync(path.join(MIGRATIONS, 'meta'), path.join(folder, 'meta'), { recursive: true });
  writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) cpSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

describe('migration 0006: return columns into case details', () => {
  const client = new PGlite('memory://');
  const db = drizzle({ client, schema });
  const older = migrationsUpTo(5);
  afterAll(async () => {
    await client.close();
    rmSync(older, { recursive: true, force: true });
  });

  it('keeps a return written in the old shape, readable as a case of kind return', async () => {
    await migrate(db, { migrationsFolder: older });
    const lines = [{
      fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1', lineItemId: 'gid://shopify/LineItem/1', title: 'Pull en laine', quantity: 1,
      reasonId: 'size-too-small', note: 'Trop serré', outcome: 'refund', photoIds: ['photo-1'], decision: 'needs_review', clauseIds: ['5.1'],
    }];
    const totals = { itemsSubtotal: { amount: '59.00', currencyCode: 'EUR' }, fees: { amount: '4.00', currencyCode: 'EUR' }, estimatedRefund: { amount: '55.00', currencyCode: 'EUR' } };
    const at = new Date('2026-11-20T10:00:00Z');
    await db.execute(sql`insert into cases (id, kind, order_id, order_name, customer_email_hash, language, state, lines, refund_method, totals, policy_version, provider_refs, created_at, updated_at)
      values ('C-01D5HAPE', 'return', 'gid://shopify/Order/7', '#1007', 'hash', 'fr', 'needs_review', ${JSON.stringify(lines)}::jsonb, 'store_credit',
        ${JSON.stringify(totals)}::jsonb, 'sha256:v1', '{"shopifyReturnId":"gid://shopify/Return/3"}'::jsonb, ${at.toISOString()}, ${at.toISOString()})`);
    await db.execute(sql`insert into cases (id, kind, order_id, order_name, customer_email_hash, language, state, lines, refund_method, totals, policy_version, provider_refs, created_at, updated_at)
      values ('C-N0METH0D', 'return', 'gid://shopify/Order/8', '#1008', 'hash', 'en', 'received', ${JSON.stringify(lines)}::jsonb, null,
        ${JSON.stringify(totals)}::jsonb, 'sha256:v1', '{}'::jsonb, ${at.toISOString()}, ${at.toISOString()})`);

    await migrate(db, { migrationsFolder: MIGRATIONS });

    const store = createDbCaseStore(db as unknown as Database, { send: async () => null });
    expect(await store.getCase('C-01D5HAPE')).toMatchObject({
      kind: 'return', state: 'needs_review', orderName: '#1007', providerRefs: { shopifyReturnId: 'gid://shopify/Return/3' },
      details: { lines, refundMethod: 'store_credit', totals },
    });
    expect((await store.getCase('C-N0METH0D'))?.details).toEqual({ lines, refundMethod: null, totals });
    expect(await store.findCaseByShopifyReturnId('gid://shopify/Return/3')).toMatchObject({ id: 'C-01D5HAPE' });
    const columns = await db.execute<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'cases'`);
    expect(columns.rows.map((row) => row.column_name)).not.toContain('lines');
  });
});
