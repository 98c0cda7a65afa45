import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { runJobsCommand } from '~/jobs/jobs-command.server';
import { GORGIAS_SYNC_CASE, QUEUES, toParkedQueue, type QueueSettings } from '~/jobs/job-names';
import { countJobs, listParked, redriveParked } from '~/jobs/parking.server';
import { createQueue, parkJob, type JobContext, type JobOutcome, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { createJobsPage } from '~/sandbox/jobs-page.server';
import { mountSandboxEmulators } from '~/sandbox/mount.server';
import { UpstreamError } from '~/utils/upstream-error';
import { createPostgresDatabase, DATABASE_BACKENDS, postgresUrl } from './support/postgres';
import { waitFor } from './support/wait-for';

/**
 * Parking, Retry-After and re-drive through pg-boss itself: test queues whose handler does what
 * each test tells it for the job's case, on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
const EXCLUSIVE = 'test.exclusive';
const STATELY = 'test.stately';
const QUEUE_SETTINGS: Record<string, QueueSettings> = {
  [EXCLUSIVE]: { policy: 'exclusive', retryLimit: 2, retryDelay: 1, retryBackoff: false },
  [STATELY]: { policy: 'stately', retryLimit: 3, retryDelay: 3, retryBackoff: false },
};

type Attempt = { data: { caseId: string; step?: number }; job: JobContext; at: number };
/** What the handler does for a case, given the attempt (1-based across all of the case's jobs). */
type Behaviour = (attempt: Attempt, n: number) => Promise<JobOutcome>;

for (const backend of DATABASE_BACKENDS) {
  describe.skipIf(backend.skip)(backend.name, () => {
    let handle: DatabaseHandle;
    let queue: Queue;
    let dropDatabase = async () => {};
    const behaviours = new Map<string, Behaviour>();
    const attempts = new Map<string, Attempt[]>();

    const newCaseId = () => `C-${randomUUID().slice(0, 8).toUpperCase()}`;
    const send = (name: string, caseId: string, step?: number) =>
      queue.send(name, step === undefined ? { caseId } : { caseId, step }, { singletonKey: `${caseId}:${name}` });
    const jobsOf = (name: string, caseId: string) => queue.boss.findJobs(name, { data: { caseId } });
    const parkedCase = (caseId: string) => waitFor(async () => (await listParked(queue)).find((job) => job.caseId === caseId));
    /** The case's first job parks itself with a 400; any later one completes. */
    const parkFirst = (caseId: string) => behaviours.set(caseId, async (_, n) => (n === 1 ? parkJob('BAD_REQUEST', 400) : undefined));

    beforeAll(async () => {
      if (backend.postgres) {
        const database = await createPostgresDatabase(postgresUrl!, 'comptoir_parking');
        dropDatabase = database.drop;
        handle = await createDatabase({ url: database.url });
      } else {
        handle = await createDatabase({ dataDir: 'memory://' });
      }
      queue = await createQueue(handle, { queues: QUEUE_SETTINGS, pollingIntervalSeconds: 0.5 });
      const handler = async (data: unknown, job: JobContext) => {
        const attempt = { data: data as Attempt['data'], job, at: Date.now() };
        const seen = [...(attempts.get(attempt.data.caseId) ?? []), attempt];
        attempts.set(attempt.data.caseId, seen);
        return behaviours.get(attempt.data.caseId)?.(attempt, seen.length);
      };
      await registerWorkers(queue, { [EXCLUSIVE]: handler, [STATELY]: handler });
    });
    afterAll(async () => {
      await queue?.stop();
      await handle?.close();
      await dropDatabase();
    });
    beforeEach(async () => {
      // Each test starts with nothing parked, so "all" means this test's jobs.
      for (const name of Object.keys(QUEUE_SETTINGS)) await queue.boss.deleteQueuedJobs(toParkedQueue(name));
    });

    it('parks a job its handler gives up on, with its case, code and status, and logs it without details', async () => {
      vi.stubEnv('COMPTOIR_LOG', '');
      const errors = vi.spyOn(console, 'error');
      const caseId = newCaseId();
      parkFirst(caseId);
      await send(EXCLUSIVE, caseId);
      const parked = await parkedCase(caseId);
      expect(parked).toMatchObject({ queue: EXCLUSIVE, caseId, code: 'BAD_REQUEST', status: 400, attempts: 1 });
      expect((await jobsOf(EXCLUSIVE, caseId)).map((job) => job.state)).toEqual(['failed']);
      const line = errors.mock.calls.map(([text]) => JSON.parse(String(text))).find((entry) => entry.event === 'jobs.parked' && entry.caseId === caseId);
      expect(line).toMatchObject({ level: 'error', name: EXCLUSIVE, code: 'BAD_REQUEST', status: 400, attempts: 1 });
      expect(Object.keys(line)).not.toContain('message');
      errors.mockRestore();
      // A worker starting later says how many wait, and how to see them.
      const lines = vi.spyOn(console, 'log');
      await registerWorkers(queue, {});
      const waiting = lines.mock.calls.map(([text]) => JSON.parse(String(text))).find((entry) => entry.event === 'jobs.parked_waiting');
      expect(waiting).toEqual(expect.objectContaining({ level: 'warn', name: EXCLUSIVE, parked: 1, redrive: 'npm run jobs -- parked' }));
      lines.mockRestore();
      vi.unstubAllEnvs();
    });

    it('parks a job whose retries ran out on an unexpected error, keeping what it threw', async () => {
      const caseId = newCaseId();
      behaviours.set(caseId, async () => { throw new Error('relation "cases" does not exist'); });
      await send(EXCLUSIVE, caseId);
      const parked = await parkedCase(caseId);
      expect(parked).toMatchObject({ code: 'INTERNAL', status: null, attempts: 3, message: 'Error: relation "cases" does not exist' });
      expect(attempts.get(caseId)).toHaveLength(3);
    });

    it('re-drives a parked job once: back in its queue with fresh retries, gone from parking', async () => {
      const caseId = newCaseId();
      parkFirst(caseId);
      await send(EXCLUSIVE, caseId);
      const parked = await parkedCase(caseId);
      const [first, second] = await Promise.all([redriveParked(queue, { id: parked.id }), redriveParked(queue, { id: parked.id })]);
      expect(first.redriven + second.redriven).toBe(1);
      expect(await redriveParked(queue, { id: parked.id })).toEqual({ redriven: 0, alreadyQueued: 0 });
      await waitFor(async () => (await jobsOf(EXCLUSIVE, caseId)).some((job) => job.state === 'completed'));
      const jobs = await jobsOf(EXCLUSIVE, caseId);
      expect(jobs.map((job) => job.state).sort()).toEqual(['completed', 'failed']);
      expect(jobs.find((job) => job.state === 'completed')).toMatchObject({ retryCount: 0, retryLimit: 2, singletonKey: `${caseId}:${EXCLUSIVE}` });
      expect(attempts.get(caseId)).toHaveLength(2);
      expect(await listParked(queue)).toEqual([]);
    });

    it('re-drives all parked jobs of one queue, then of every queue', async () => {
      const [a, b, c] = [newCaseId(), newCaseId(), newCaseId()];
      for (const caseId of [a, b, c]) parkFirst(caseId);
      await Promise.all([send(EXCLUSIVE, a), send(EXCLUSIVE, b), send(STATELY, c)]);
      await Promise.all([a, b, c].map(parkedCase));
      expect((await countJobs(queue)).map((q) => [q.name, q.parked])).toEqual([[EXCLUSIVE, 2], [STATELY, 1]]);
      expect(await redriveParked(queue, { queue: EXCLUSIVE })).toEqual({ redriven: 2, alreadyQueued: 0 });
      expect((await listParked(queue)).map((job) => job.caseId)).toEqual([c]);
      expect(await redriveParked(queue, {})).toEqual({ redriven: 1, alreadyQueued: 0 });
      await waitFor(async () => (await Promise.all([a, b, c].map((id) => jobsOf(id === c ? STATELY : EXCLUSIVE, id))))
        .every((jobs) => jobs.some((job) => job.state === 'completed')));
    });

    it('does not send a parked job again when its case already has that delivery running', async () => {
      const caseId = newCaseId();
      let release = () => {};
      const released = new Promise<void>((resolve) => { release = resolve; });
      behaviours.set(caseId, async (_, n) => (n === 1 ? parkJob('BAD_REQUEST', 400) : released));
      await send(EXCLUSIVE, caseId);
      await parkedCase(caseId);
      await send(EXCLUSIVE, caseId);
      await waitFor(async () => attempts.get(caseId)?.length === 2);
      expect(await redriveParked(queue, {})).toEqual({ redriven: 0, alreadyQueued: 1 });
      expect(await listParked(queue)).toEqual([]);
      release();
      await waitFor(async () => (await jobsOf(EXCLUSIVE, caseId)).some((job) => job.state === 'completed'));
      expect(attempts.get(caseId)).toHaveLength(2);
    });

    it('waits for Retry-After when the upstream asks for longer than the backoff', async () => {
      const caseId = newCaseId();
      behaviours.set(caseId, async (_, n) => {
        if (n === 1) throw new UpstreamError({ service: 'gorgias', status: 503, code: 'HTTP_503', retryable: true, retryAfterSeconds: 4 });
      });
      await send(EXCLUSIVE, caseId);
      await waitFor(async () => (await jobsOf(EXCLUSIVE, caseId))[0]?.state === 'completed');
      const [first, second] = attempts.get(caseId)!;
      // The queue's own delay is 1 s; only Retry-After holds the second attempt back this long.
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(3_900);
    });

    it('retries at Retry-After when the upstream asks for less than the backoff', async () => {
      const caseId = newCaseId();
      behaviours.set(caseId, async (_, n) => {
        if (n === 1) throw new UpstreamError({ service: 'gorgias', status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
      });
      await send(STATELY, caseId, 1);
      await waitFor(async () => (await jobsOf(STATELY, caseId))[0]?.state === 'completed');
      const [first, second] = attempts.get(caseId)!;
      // The queue's own delay is 3 s; Gorgias asked for 1 s, and that is what it waited (polling every 0.5 s).
      expect(second!.at - first!.at).toBeLessThan(2_800);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    });

    it('completes a failing stately job whose case already waits in retry, instead of letting pg-boss park it', async () => {
      const caseId = newCaseId();
      // Step 1 fails once and goes to retry (3 s); step 2 arrives meanwhile and fails as well.
      behaviours.set(caseId, async (_, n) => {
        if (n <= 2) throw new UpstreamError({ service: 'gorgias', status: 500, code: 'HTTP_500', retryable: true });
      });
      await send(STATELY, caseId, 1);
      await waitFor(async () => (await jobsOf(STATELY, caseId))[0]?.state === 'retry');
      await send(STATELY, caseId, 2);
      const stepOf = (job: { data: unknown }) => (job.data as { step: number }).step;
      await waitFor(async () => (await jobsOf(STATELY, caseId)).some((job) => stepOf(job) === 1 && job.state === 'completed'));
      const second = (await jobsOf(STATELY, caseId)).find((job) => stepOf(job) === 2);
      expect(second).toMatchObject({ state: 'completed', output: { supersededBy: 'retry', code: 'HTTP_500' } });
      expect(attempts.get(caseId)!.map((attempt) => attempt.data.step)).toEqual([1, 2, 1]);
      expect(await listParked(queue)).toEqual([]);
    });

    it('gives a queue created before parking existed its parked queue and expiry on the next start', async () => {
      const legacy = `test.legacy-${randomUUID().slice(0, 8)}`;
      await queue.boss.createQueue(legacy, { policy: 'exclusive', retryLimit: 30 });
      const restarted = await createQueue(handle, { queues: { [legacy]: { ...QUEUES[GORGIAS_SYNC_CASE], policy: 'exclusive' } } });
      await restarted.stop();
      expect(await queue.boss.getQueue(legacy)).toMatchObject({ deadLetter: toParkedQueue(legacy), expireInSeconds: 900, heartbeatSeconds: 30, retryDelayMax: 3600 });
      expect(await queue.boss.getQueue(toParkedQueue(legacy))).toMatchObject({ retryLimit: 0, retentionSeconds: 30 * 86_400 });
    });

    it('npm run jobs: lists parked jobs, re-drives by id, and says when there is nothing to re-drive', async () => {
      const caseId = newCaseId();
      parkFirst(caseId);
      await send(STATELY, caseId);
      const parked = await parkedCase(caseId);
      const run = async (...argv: string[]) => {
        const lines: string[] = [];
        const code = await runJobsCommand(queue, argv, (line) => lines.push(line));
        return { code, text: lines.join('\n') };
      };
      const listed = await run('parked');
      expect(listed.code).toBe(0);
      expect(listed.text).toContain(`${parked.id}  ${STATELY}  ${caseId}  BAD_REQUEST (HTTP 400)  attempts 1`);
      expect(JSON.parse((await run('parked', '--json', '--queue', STATELY)).text)).toEqual([expect.objectContaining({ id: parked.id, caseId })]);
      expect((await run('counts')).text).toContain(`${STATELY}  created`);
      expect(await run('redrive', '--id', parked.id)).toEqual({ code: 0, text: 'Re-driven: 1. Already queued for their case, so not sent again: 0.' });
      expect((await run('redrive', '--id', parked.id)).code).toBe(1);
      expect((await run('redrive')).code).toBe(2);
      expect((await run('redrive', '--all', '--queue', 'no.such-queue')).code).toBe(2);
      expect(await run('parked')).toEqual({ code: 0, text: 'No parked job.' });
    });

    it('/__sandbox/jobs shows counts and parked jobs, and re-drives from a same-origin form only', async () => {
      const caseId = newCaseId();
      parkFirst(caseId);
      await send(EXCLUSIVE, caseId);
      const parked = await parkedCase(caseId);
      const page = createJobsPage(() => queue);
      const base = 'http://127.0.0.1:3000/__sandbox/jobs';
      const html = await (await page(new Request(base))).text();
      expect(html).toContain(`<th scope="row">${caseId}</th>`);
      expect(html).toContain('<strong>BAD_REQUEST</strong> (HTTP 400)');
      expect(html).toMatch(new RegExp(`<code>${EXCLUSIVE}</code></th>(<td class="n">\\d+</td>){6}<td class="n">1</td>`));
      const post = (headers: Record<string, string>, body: string) =>
        page(new Request(`${base}/redrive`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body }));
      expect((await post({ 'Sec-Fetch-Site': 'cross-site' }, `id=${parked.id}`)).status).toBe(403);
      expect((await post({ Origin: 'https://evil.example' }, 'all=1')).status).toBe(403);
      expect((await post({ 'Sec-Fetch-Site': 'same-origin' }, 'id=not-an-id')).status).toBe(400);
      const done = await post({ 'Sec-Fetch-Site': 'same-origin' }, `id=${parked.id}`);
      expect(done.status).toBe(303);
      const after = await (await page(new Request(new URL(done.headers.get('Location')!, base)))).text();
      expect(after).toContain('Re-driven: 1. Already queued for their case, so not sent again: 0.');
      expect(after).toContain('No parked job');
    });

    it('is mounted in the sandbox ahead of the Shopify emulator, which keeps its own /__sandbox pages', async () => {
      const app = express();
      await mountSandboxEmulators(app, { ownOrigin: 'http://127.0.0.1', shopifyAuth: SANDBOX_SHOPIFY_AUTH, mountShopify: true, mountGorgias: false, jobs: () => queue });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const jobs = await fetch(`${base}/__sandbox/jobs`);
        expect(jobs.status).toBe(200);
        expect(await jobs.text()).toContain('<h1>Jobs</h1>');
        const redrive = await fetch(`${base}/__sandbox/jobs/redrive`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'all=1', redirect: 'manual' });
        expect(redrive.status).toBe(303);
        expect((await fetch(`${base}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).status).toBe(200);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
}
