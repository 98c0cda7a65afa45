import { GORGIAS_SYNC_CASE } from '~/jobs/job-names';
import type { Observer } from './observer';
import type { SentCase } from './shared-state';
import { sendReturn, signIn, type DemoOrder } from './shopper';
import type { Topology } from './topology';

/*
 * A batch of returns sent through both portals (each shopper signs in on one and sends the form
 * through the other), worked by the workers running, timed from the first return sent until the
 * queues stay empty. With `kill`, the oldest worker gets SIGKILL once jobs are running.
 */
export type DrainFigure = {
  workers: number;
  sent: number;
  /** Returns that needed more than one try: the form answered something else than the case (e.g. "try again"). */
  shopperRetries: number;
  sendSeconds: number;
  drainSeconds: number;
  jobs: number;
  gorgias: { calls: number; tooMany: number; errors: number };
  kill: { atSeconds: number; runningAtKill: number; rerun: number; drainedAfterKillSeconds: number; gorgiasLatencyMs: number } | null;
};

const SHOPPERS_AT_ONCE = 4;
const TRIES = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One shopper's return, tried again (a second later) the way a person would after "try again". */
async function sendOne(portals: [string, string], i: number, order: DemoOrder): Promise<{ sent: SentCase | null; retries: number }> {
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const cookie = await signIn(portals[i % 2]!, order).catch(() => null);
    const sent = cookie ? await sendReturn(portals[(i + 1) % 2]!, cookie, 'size-too-small').catch(() => null) : null;
    if (sent) return { sent: { ...sent, order: order.name }, retries: attempt };
    await sleep(1_000);
  }
  return { sent: null, retries: TRIES - 1 };
}

export async function sendBatch(portals: [string, string], orders: DemoOrder[]): Promise<{ sent: SentCase[]; failed: string[]; retries: number }> {
  const sent: SentCase[] = [];
  const failed: string[] = [];
  let retries = 0;
  let next = 0;
  await Promise.all(Array.from({ length: SHOPPERS_AT_ONCE }, async () => {
    while (next < orders.length) {
      const i = next++;
      const result = await sendOne(portals, i, orders[i]!);
      retries += result.retries;
      if (result.sent) sent.push(result.sent);
      else failed.push(orders[i]!.name);
    }
  }));
  return { sent, failed, retries };
}

/**
 * Waits for a Gorgias sync to run on every worker at once, then kills the oldest worker: a process
 * runs one sync at a time, so the one killed was surely filing a ticket or a note, the step a second
 * run could duplicate. Null if the batch drained before that moment came.
 */
async function killMidFlight(topology: Topology, observer: Observer, started: number, sent: () => boolean) {
  for (;;) {
    const running = await observer.running();
    if (running.filter((job) => job.name === GORGIAS_SYNC_CASE).length >= topology.workers().length) {
      await topology.killWorker(topology.workers()[0]!);
      return { atMs: performance.now() - started, running: running.map((job) => job.id) };
    }
    if (sent()) {
      const { waiting, active } = await observer.pending();
      if (waiting + active === 0) return null;
    }
    await sleep(50);
  }
}

/**
 * A new worker, started once pg-boss has failed the killed jobs over and a supervision pass has
 * recounted which cases have a sync running: it reads that at its start, where the survivor
 * would go on skipping the killed sync's case until its own 30 s refresh.
 */
async function replaceOnceFailedOver(topology: Topology, observer: Observer, killedRunning: string[]) {
  while ((await observer.running()).some((job) => killedRunning.includes(job.id))) await sleep(250);
  await sleep(2_500);
  await topology.startWorker();
  await observer.shortenRecovery();
}

const gorgiasLatency = (topology: Topology, latencyMs: number) =>
  fetch(`${topology.gorgiasUrl}/__sandbox/gorgias/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs }) });

/**
 * `kill`: Gorgias answers each call after `killLatencyMs` during the batch, as the worker-kill
 * tests do, so that syncs last long enough to be caught running; `replaceKilled`: the killed
 * worker is replaced (see replaceOnceFailedOver).
 */
export async function measureDrain(
  topology: Topology, observer: Observer, orders: DemoOrder[],
  options: { kill: boolean; killLatencyMs: number; timeoutSeconds: number; replaceKilled: boolean },
): Promise<{ figure: DrainFigure; sent: SentCase[]; failed: string[] }> {
  const workers = topology.workers().length;
  if (options.kill) await gorgiasLatency(topology, options.killLatencyMs);
  topology.gorgiasCalls.take();
  const since = new Date();
  const started = performance.now();
  let allSent = false;
  const killed = options.kill ? killMidFlight(topology, observer, started, () => allSent) : null;
  const batch = await sendBatch(topology.portals.map((p) => p.url) as [string, string], orders);
  allSent = true;
  const sendSeconds = (performance.now() - started) / 1000;
  const kill = await killed;
  if (kill && options.replaceKilled) await replaceOnceFailedOver(topology, observer, kill.running);
  const drainedAt = await observer.waitDrained(options.timeoutSeconds * 1000).finally(() => (options.kill ? gorgiasLatency(topology, 0) : null));
  const calls = topology.gorgiasCalls.take();
  const count = (match: (status: number) => boolean) => [...calls].reduce((sum, [status, n]) => sum + (match(status) ? n : 0), 0);
  return {
    sent: batch.sent,
    failed: batch.failed,
    figure: {
      workers, sent: batch.sent.length, shopperRetries: batch.retries, sendSeconds, drainSeconds: (drainedAt - started) / 1000,
      jobs: await observer.completedSince(since),
      gorgias: { calls: count(() => true), tooMany: count((status) => status === 429), errors: count((status) => status === 0 || (status >= 500)) },
      kill: kill ? { atSeconds: kill.atMs / 1000, runningAtKill: kill.running.length, rerun: await observer.rerun(kill.running), drainedAfterKillSeconds: (drainedAt - started - kill.atMs) / 1000, gorgiasLatencyMs: options.killLatencyMs } : null,
    },
  };
}
