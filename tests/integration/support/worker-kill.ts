import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type CreateDatabaseOptions } from '~/db/client.server';
import { isNotedEvent } from '~/helpdesk/ticket-fields';
import { GORGIAS_SYNC_CASE, SHOPIFY_EXECUTE_CASE, toGorgiasSyncKey, LABELS_REQUEST_LABEL, type QueueSettings } from '~/jobs/job-names';
import { listParked } from '~/jobs/parking.server';
import { createQueue } from '~/jobs/queue.server';
import type { Order } from '~/orders/types';
import type { Policy } from '~/policy/policy-schema';
import { SANDBOX_ACCOUNT, startGorgiasEmulator } from '~/sandbox/gorgias/emulator-harness.test-helpers';

/*
 * The worker killed mid-delivery: cases are prepared in a database, then worker processes
 * (worker-child.ts) deliver them to a Gorgias emulator in this process while they are killed
 * with SIGKILL, twice, and a last one finishes. What counts is the emulator's state afterwards.
 */

/** Short retries, and the shortest heartbeat pg-boss takes: a killed attempt comes back in ~12 s. */
export const KILL_QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 20, retryDelay: 1, retryBackoff: false, expireInSeconds: 120, heartbeatSeconds: 10 },
  [GORGIAS_SYNC_CASE]: { policy: 'stately', retryLimit: 40, retryDelay: 1, retryBackoff: false, expireInSeconds: 120, heartbeatSeconds: 10 },
  // Approved cases queue their label request; a label worker runs only where a Loop emulator is named.
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 20, retryDelay: 1, retryBackoff: false, expireInSeconds: 120, heartbeatSeconds: 10 },
};

export const WorkerChildEnvSchema = z.object({
  TEST_WORKER_DATABASE_URL: z.string().optional(),
  TEST_WORKER_DATA_DIR: z.string().default('memory://'),
  TEST_WORKER_SHOPIFY_URL: z.url(),
  TEST_WORKER_SHOP: z.string(),
  TEST_WORKER_TOKEN: z.string(),
  TEST_WORKER_GORGIAS_URL: z.url(),
  TEST_WORKER_GORGIAS_EMAIL: z.string(),
  TEST_WORKER_GORGIAS_KEY: z.string(),
  TEST_WORKER_LOOP_URL: z.url().optional(),
  TEST_WORKER_LOOP_KEY: z.string().optional(),
});

const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const CountsLineSchema = z.object({ event: z.literal('test.counts'), queues: z.array(z.object({ name: z.string(), created: z.number(), retry: z.number(), active: z.number() })) });

type Ticket = { id: number; external_id: string | null; messages: { channel: string; external_id: string | null }[] };

export type KillReport = {
  /** `notedEvents`: ids of the case's events that a note should tell, each exactly once. */
  cases: { caseId: string; tickets: Ticket[]; notedEvents: number[] }[];
  kills: number;
  /** Jobs that ran again: no other fault is injected here, so each one was cut off by a kill. */
  interrupted: number;
  syncAttempts: number;
  submitAttempts: number;
  parked: number;
};

export async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function startWorker(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env, COMPTOIR_LOG: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let idle = false;
  let stderr = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const counts = CountsLineSchema.safeParse(JSON.parse(line || 'null'));
      if (counts.success) idle = counts.data.queues.every((q) => q.created + q.retry + q.active === 0);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    isIdle: () => idle,
    stderr: () => stderr,
    kill: async () => { child.kill('SIGKILL'); await exited; },
    stop: async () => { child.kill('SIGTERM'); return exited; },
    exited,
  };
}

export async function runWorkerKillScenario(options: {
  database: CreateDatabaseOptions; shopifyUrl: string; shop: string; token: string; order: Order; policy: Policy; cases: number;
}): Promise<KillReport> {
  const gorgias = await startGorgiasEmulator({ bucket: { capacity: 10_000, windowSeconds: 1 } });
  try {
    // 1. The cases, each with its ticket sync and its Shopify submission queued, as the portal does.
    let handle = await createDatabase(options.database);
    let queue = await createQueue(handle, { queues: KILL_QUEUES });
    const cases = createDbCaseStore(handle.db, queue);
    const caseIds: string[] = [];
    const item = options.order.lineItems[0]!;
    for (let i = 0; i < options.cases; i++) {
      const line: CaseLine = {
        fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${randomUUID()}`, lineItemId: item.id, title: item.title, quantity: 1,
        reasonId: 'size-too-small', note: null, outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: ['5.1'],
      };
      const money = { amount: '10.00', currencyCode: 'EUR' };
      const opened = await cases.openCase({
        kind: 'return', orderId: options.order.id, orderName: options.order.name, customerEmailHash: randomUUID(), language: 'fr', policyVersion: options.policy.version,
        details: { lines: [line], refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: money, estimatedRefund: money } },
      }, randomUUID(), new Date(), (c) => [
        { name: GORGIAS_SYNC_CASE, data: { caseId: c.id }, singletonKey: toGorgiasSyncKey(c.id) },
        { name: SHOPIFY_EXECUTE_CASE, data: { caseId: c.id } },
      ]);
      if (opened.status !== 'opened') throw new Error('case not opened');
      caseIds.push(opened.case.id);
    }
    await queue.stop();
    await handle.close();

    // 2. Workers, killed while a Gorgias call is in flight (every call takes 300 ms).
    await gorgias.control('faults', { latencyMs: 300 });
    const env = {
      TEST_WORKER_SHOPIFY_URL: options.shopifyUrl, TEST_WORKER_SHOP: options.shop, TEST_WORKER_TOKEN: options.token,
      TEST_WORKER_GORGIAS_URL: gorgias.url, TEST_WORKER_GORGIAS_EMAIL: SANDBOX_ACCOUNT.email, TEST_WORKER_GORGIAS_KEY: SANDBOX_ACCOUNT.apiKey,
      ...(options.database.url ? { TEST_WORKER_DATABASE_URL: options.database.url } : { TEST_WORKER_DATA_DIR: options.database.dataDir! }),
    };
    const tickets = async () => ((await gorgias.control('state')).body.tickets as Ticket[]).filter((t) => t.external_id && caseIds.includes(t.external_id));
    const notes = async () => (await tickets()).reduce((sum, t) => sum + t.messages.filter((m) => m.channel === 'internal-note').length, 0);

    const first = startWorker(env);
    await until('the first ticket', async () => (await tickets()).length > 0);
    await first.kill();
    const before = await notes();
    const second = startWorker(env);
    await until('two more notes', async () => (await notes()) >= before + 2);
    await second.kill();
    const last = startWorker(env);
    await until('every job done', async () => last.isIdle(), 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${last.stderr()}`);
    });
    await last.stop();
    await gorgias.control('faults', {});

    // 3. What Gorgias holds, against what the database says happened.
    handle = await createDatabase(options.database);
    queue = await createQueue(handle, { queues: KILL_QUEUES });
    try {
      const store = createDbCaseStore(handle.db, queue);
      const held = await tickets();
      const jobs = [...(await queue.boss.findJobs(GORGIAS_SYNC_CASE)), ...(await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE))];
      const attemptsOf = (name: string) => jobs.filter((job) => job.name === name).reduce((sum, job) => sum + job.retryCount + 1, 0);
      return {
        cases: await Promise.all(caseIds.map(async (caseId) => ({
          caseId,
          tickets: held.filter((t) => t.external_id === caseId),
          notedEvents: (await store.listEvents(caseId)).filter(isNotedEvent).map((event) => event.id),
        }))),
        kills: 2,
        interrupted: jobs.filter((job) => job.retryCount > 0).length,
        syncAttempts: attemptsOf(GORGIAS_SYNC_CASE),
        submitAttempts: attemptsOf(SHOPIFY_EXECUTE_CASE),
        parked: (await listParked(queue)).length,
      };
    } finally {
      await queue.stop();
      await handle.close();
    }
  } finally {
    await gorgias.close();
  }
}
