import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStore, NewCase, NewCaseOf } from '~/cases/case-store';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { QUEUES, SHOPIFY_EXECUTE_CASE } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { createPostgresDatabase } from './support/postgres';
import { waitFor } from './support/wait-for';

const postgresUrl = process.env.TEST_DATABASE_URL;
const FLAKY = 'test.flaky';

const backends = [
  { name: 'PGlite in memory', postgres: false, skip: false },
  {
    name: postgresUrl ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)',
    postgres: true,
    skip: !postgresUrl,
  },
];

const at = (iso: string) => new Date(`${iso}Z`);

function newCase(overrides: Partial<NewCaseOf<'return'>> = {}): NewCaseOf<'return'> {
  return {
    kind: 'return',
    orderId: `gid://shopify/Order/${randomUUID()}`,
    orderName: '#1001',
    customerEmailHash: randomUUID(),
    language: 'fr',
    details: {
      lines: [
        {
          fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1',
          lineItemId: 'gid://shopify/LineItem/1',
          title: 'Pull en laine',
          quantity: 1,
          reasonId: 'size_too_small',
          note: null,
          outcome: 'refund',
          photoIds: [],
          decision: 'approved',
          clauseIds: ['window.30-days'],
        },
      ],
      refundMethod: 'original_payment',
      totals: {
        itemsSubtotal: { amount: '59.00', currencyCode: 'EUR' },
        fees: { amount: '0.00', currencyCode: 'EUR' },
        estimatedRefund: { amount: '59.00', currencyCode: 'EUR' },
      },
    },
    policyVersion: 'sha256:policy-v1',
    ...overrides,
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(backend.name, () => {
    let handle: DatabaseHandle;
    let queue: Queue;
    let store: CaseStore;
    let dropDatabase = async () => {};
    const submitReturn = (opened: { id: string }) => [{ name: SHOPIFY_EXECUTE_CASE, data: { caseId: opened.id } }];
    const jobsFor = (caseId: string) => queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } });

    beforeAll(async () => {
      if (backend.postgres) {
        const database = await createPostgresDatabase(postgresUrl!, 'comptoir_cases');
        dropDatabase = database.drop;
        handle = await createDatabase({ url: database.url });
      } else {
        handle = await createDatabase({ dataDir: 'memory://' });
      }
      queue = await createQueue(handle, {
        queues: {
          [SHOPIFY_EXECUTE_CASE]: QUEUES[SHOPIFY_EXECUTE_CASE],
          [FLAKY]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: true },
        },
        pollingIntervalSeconds: 0.5,
      });
      store = createDbCaseStore(handle.db, queue);
    });
    afterAll(async () => {
      await queue?.stop();
      await handle?.close();
      await dropDatabase();
    });

    it('opens a case with its first event and its job', async () => {
      const input = newCase();
      const result = await store.openCase(input, randomUUID(), at('2030-03-01T09:00:00'), submitReturn);
      if (result.status !== 'opened') throw new Error(`expected opened, got ${result.status}`);
      expect(result.case.id).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(result.case).toMatchObject({ state: 'received', providerRefs: {}, details: input.details });
      expect(await store.getCase(result.case.id)).toEqual(result.case);
      expect(await store.listEvents(result.case.id)).toMatchObject([{ type: 'received', actor: 'shopper', data: {} }]);
      const jobs = await jobsFor(result.case.id);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ singletonKey: `${result.case.id}:${SHOPIFY_EXECUTE_CASE}`, retryLimit: 30, retryBackoff: true });
    });

    it('opens a case already holding the ticket the shopper came from, with the event saying so', async () => {
      const result = await store.openCase(
        newCase({ providerRefs: { gorgiasTicketId: 4242 }, openingEvents: [{ type: 'gorgias.ticket_from_link', actor: 'shopper', data: { ticketId: 4242 } }] }),
        randomUUID(), at('2030-03-01T09:00:00'),
      );
      if (result.status !== 'opened') throw new Error('not opened');
      expect((await store.getCase(result.case.id))!.providerRefs).toEqual({ gorgiasTicketId: 4242 });
      expect((await store.listEvents(result.case.id)).map((event) => [event.type, event.data])).toEqual([['received', {}], ['gorgias.ticket_from_link', { ticketId: 4242 }]]);
      await expect(store.openCase(newCase({ providerRefs: { gorgiasTicketId: -1 } }), randomUUID(), at('2030-03-01T09:00:00'))).rejects.toThrow();
    });

    it('keeps one pending delivery per case, and starts again on a database it already set up', async () => {
      const opened = await store.openCase(newCase(), randomUUID(), at('2030-03-01T09:00:00'), submitReturn);
      if (opened.status !== 'opened') throw new Error('not opened');
      const singletonKey = `${opened.case.id}:${SHOPIFY_EXECUTE_CASE}`;
      expect(await queue.send(SHOPIFY_EXECUTE_CASE, { caseId: opened.case.id }, { singletonKey })).toBeNull();
      expect(await jobsFor(opened.case.id)).toHaveLength(1);

      // A second process (or a restart) finds the queues there and only updates their retries.
      const restarted = await createQueue(handle, { queues: QUEUES });
      await restarted.stop();
    });

    it('answers a replayed submission with the case it opened, without a second job', async () => {
      const input = newCase();
      const key = randomUUID();
      const first = await store.openCase(input, key, at('2030-03-01T09:00:00'), submitReturn);
      const again = await store.openCase(input, key, at('2030-03-01T09:00:05'), submitReturn);
      expect(again).toEqual({ status: 'replayed', case: first.status === 'opened' ? first.case : null });
      expect(await store.listCasesForOrder(input.orderId)).toHaveLength(1);
    });

    it('opens one case and one job when the same key arrives several times at once', async () => {
      const input = newCase();
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.openCase(input, key, at('2030-03-01T09:00:00'), submitReturn))
      );
      expect(results.filter((result) => result.status === 'opened')).toHaveLength(1);
      const ids = new Set(results.map((result) => (result.status === 'key_conflict' ? null : result.case.id)));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      expect(await store.listCasesForOrder(input.orderId)).toHaveLength(1);
      expect(await jobsFor(id!)).toHaveLength(1);
      expect(await store.listEvents(id!)).toHaveLength(1);
    });

    it('does not reveal a case to a key replayed for another order', async () => {
      const key = randomUUID();
      await store.openCase(newCase(), key, at('2030-03-01T09:00:00'));
      expect(await store.openCase(newCase(), key, at('2030-03-01T09:01:00'))).toEqual({ status: 'key_conflict' });
    });

    it('leaves no case, event, key or job behind when the transaction fails after the insert', async () => {
      const input = newCase();
      const key = randomUUID();
      const marker = randomUUID();
      const failing = () => [
        { name: SHOPIFY_EXECUTE_CASE, data: { marker } },
        { name: 'no.such-queue', data: {} },
      ];
      await expect(store.openCase(input, key, at('2030-03-01T09:00:00'), failing)).rejects.toThrow(/no queue named/);
      expect(await store.listCasesForOrder(input.orderId)).toEqual([]);
      expect(await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { marker } })).toEqual([]);
      // The key was not kept either, so the shopper's retry goes through.
      const retried = await store.openCase(input, key, at('2030-03-01T09:00:10'), submitReturn);
      expect(retried.status).toBe('opened');
    });

    it('moves a case only along the state machine and only from the state it is in', async () => {
      const opened = await store.openCase(newCase(), randomUUID(), at('2030-03-01T09:00:00'));
      if (opened.status !== 'opened') throw new Error('not opened');
      const id = opened.case.id;
      const event = (type: string, iso: string) => ({ at: at(iso), type, actor: 'system' as const, data: {} });

      expect(await store.transition(id, 'received', 'approved', event('approved', '2030-03-01T09:01:00'))).toEqual({ ok: false, reason: 'not_allowed' });
      const submitted = await store.transition(id, 'received', 'submitted_to_store', event('submitted_to_store', '2030-03-01T09:02:00'));
      expect(submitted).toMatchObject({ ok: true, case: { state: 'submitted_to_store', updatedAt: at('2030-03-01T09:02:00') } });
      // A second worker acting on what it read before the first one wrote.
      expect(await store.transition(id, 'received', 'needs_review', event('needs_review', '2030-03-01T09:03:00'))).toEqual({ ok: false, reason: 'stale' });
      expect(await store.transition('C-00000000', 'received', 'needs_review', event('x', '2030-03-01T09:03:00'))).toEqual({ ok: false, reason: 'not_found' });

      expect((await store.getCase(id))?.state).toBe('submitted_to_store');
      expect((await store.listEvents(id)).map((logged) => logged.type)).toEqual(['received', 'submitted_to_store']);
    });

    it('keeps events in the order they were appended and refuses to change them', async () => {
      const opened = await store.openCase(newCase(), randomUUID(), at('2030-03-01T09:00:00'));
      if (opened.status !== 'opened') throw new Error('not opened');
      const id = opened.case.id;
      await store.appendEvent(id, { at: at('2030-03-01T10:00:00'), type: 'note', actor: 'agent', data: { text: 'called the shopper' } });
      // An event stamped earlier (a late webhook) still comes after, and updatedAt does not go back.
      await store.appendEvent(id, { at: at('2030-03-01T09:30:00'), type: 'shopify.webhook', actor: 'store', data: { topic: 'returns/update' } });
      const events = await store.listEvents(id);
      expect(events.map((event) => [event.type, event.actor])).toEqual([
        ['received', 'shopper'],
        ['note', 'agent'],
        ['shopify.webhook', 'store'],
      ]);
      expect(events[1]!.data).toEqual({ text: 'called the shopper' });
      expect((await store.getCase(id))?.updatedAt).toEqual(at('2030-03-01T10:00:00'));
      expect(await store.appendEvent('C-00000000', { at: at('2030-03-01T10:00:00'), type: 'note', actor: 'agent', data: {} })).toBeNull();

      await expect(handle.db.execute(sql`update case_events set type = 'edited' where case_id = ${id}`)).rejects.toThrow();
      await expect(handle.db.execute(sql`delete from case_events where case_id = ${id}`)).rejects.toThrow();
      expect(await store.listEvents(id)).toEqual(events);
    });

    it('merges vendor ids into providerRefs and logs it', async () => {
      const opened = await store.openCase(newCase(), randomUUID(), at('2030-03-01T09:00:00'));
      if (opened.status !== 'opened') throw new Error('not opened');
      const id = opened.case.id;
      const logged = (type: string) => ({ at: at('2030-03-01T09:05:00'), type, actor: 'system' as const, data: {} });
      await store.recordProviderRefs(id, { shopifyReturnId: 'gid://shopify/Return/9' }, logged('shopify.return_requested'));
      const updated = await store.recordProviderRefs(id, { gorgiasTicketId: 4242 }, logged('gorgias.ticket_created'));
      expect(updated?.providerRefs).toEqual({ shopifyReturnId: 'gid://shopify/Return/9', gorgiasTicketId: 4242 });
      expect(await store.recordProviderRefs('C-00000000', {}, logged('x'))).toBeNull();
    });

    it("counts a customer's returns since a date", async () => {
      const customer = randomUUID();
      const open = (iso: string, overrides: Partial<NewCaseOf<'return'>> = {}) =>
        store.openCase(newCase({ customerEmailHash: customer, ...overrides }), randomUUID(), at(iso));
      await open('2030-01-10T12:00:00');
      await open('2030-02-20T12:00:00');
      await open('2030-03-01T08:00:00');
      await store.openCase(newCase(), randomUUID(), at('2030-03-01T09:00:00'));

      expect(await store.countReturnsByCustomerSince(customer, at('2030-02-20T12:00:00'))).toBe(2);
      expect(await store.countReturnsByCustomerSince(customer, at('2030-01-01T00:00:00'))).toBe(3);
      expect(await store.countReturnsByCustomerSince(randomUUID(), at('2030-01-01T00:00:00'))).toBe(0);
      expect(await store.getReturnHistory(customer, at('2030-02-01T00:00:00'))).toEqual({
        returnRequestedAt: [at('2030-02-20T12:00:00'), at('2030-03-01T08:00:00')],
      });
    });

    it('delivers a job sent in a transaction once committed, and retries it after a failure', async () => {
      const attempts: { caseId: unknown; retryCount: number }[] = [];
      await registerWorkers(queue, {
        [FLAKY]: async (data, job) => {
          attempts.push({ caseId: (data as { caseId: string }).caseId, retryCount: job.retryCount });
          if (attempts.length === 1) throw new Error('Shopify answered 503');
        },
      });
      const caseId = await handle.db.transaction(async (tx) => {
        await queue.send(FLAKY, { caseId: 'C-TESTTEST' }, { transaction: tx });
        // Longer than the worker's polling interval: nothing may run before the commit.
        await new Promise((resolve) => setTimeout(resolve, 1200));
        expect(attempts).toEqual([]);
        return 'C-TESTTEST';
      });
      await waitFor(async () => (await queue.boss.findJobs(FLAKY, { data: { caseId } }))[0]?.state === 'completed');
      expect(attempts).toEqual([
        { caseId, retryCount: 0 },
        { caseId, retryCount: 1 },
      ]);
    });
  });
}
