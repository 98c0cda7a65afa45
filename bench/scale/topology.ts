import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase } from '../../tests/integration/support/postgres';
import { startProcess, type Started } from '../processes';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import type { ScaleOptions } from './options';

/*
 * "Many portals, many workers, one store" on one machine: the Shopify, Gorgias and Loop emulators
 * in their own processes, two portals (the production build, COMPTOIR_WORKERS=off) and workers
 * (`npm run worker`), all on one throwaway PostgreSQL database. Ports: the Shopify emulator
 * on `port`, Gorgias +1, the proxy counting Gorgias's answers +2, Loop +3, the portals +4 and +5.
 */
export type Topology = {
  shopifyUrl: string;
  gorgiasUrl: string;
  loopUrl: string;
  gorgiasCalls: CountingProxy;
  portals: [Started, Started];
  databaseUrl: string;
  /** Starts one more worker; resolves once it works the queues. */
  startWorker(): Promise<Started>;
  /** Workers running now, oldest first. */
  workers(): Started[];
  /** SIGKILL: the worker dies mid-job, as on a crash or an out-of-memory kill. */
  killWorker(worker: Started): Promise<void>;
  close(): Promise<void>;
};

/** The extra orders the Shopify and Loop emulators seed (#9001…): one per return sent, and spares. */
export const extraOrdersFor = (options: ScaleOptions) => 2 * options.submissions + options.killSubmissions + options.lookupConnections + 10;

/** The demo policy, where "Too small" returns get a prepaid Loop label: the label step is in the flow. */
function writePolicy(dir: string): string {
  const file = join(dir, 'policy.yaml');
  const policy = readFileSync('app/sandbox/policy/comptoir-demo.policy.yaml', 'utf8');
  const labelled = policy.replace(/( {2}- id: size-too-small\n(?: {4}.*\n)*? {4}returnShipping: [^\n]*\n)/, '$1    labelProvider: loop\n');
  if (labelled === policy) throw new Error('bench:scale: the demo policy no longer has the "size-too-small" reason it gives a Loop label');
  writeFileSync(file, labelled);
  return file;
}

const tsx = (script: string) => ['--import', 'tsx', script];
const url = (port: number) => `http://127.0.0.1:${port}`;

/** The emulators, then both portals and `workers` workers together. */
export async function startTopology(options: ScaleOptions, workers: number): Promise<Topology> {
  const started: Started[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-scale-'));
  const database = await createPostgresDatabase(options.databaseUrl, 'comptoir_scale');
  let proxy: CountingProxy | null = null;
  let running: Started[] = [];
  // A run cut short (Ctrl-C, a test runner giving up) leaves no server behind.
  const killAll = () => [...running, ...started].forEach((child) => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone already */ } });
  process.on('exit', killAll);
  const close = async () => {
    process.off('exit', killAll);
    await Promise.all([...running, ...started].map((child) => child.stopAndWait(10_000)));
    await proxy?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { port } = options;
    const extraOrders = String(extraOrdersFor(options));
    const portalUrls = [url(port + 4), url(port + 5)] as const;
    const node = process.execPath;
    // Settled, not raced: what started while another start failed is still stopped by `close`.
    const startAll = async <T extends Promise<Started>[]>(starts: [...T]): Promise<{ [K in keyof T]: Started }> => {
      const results = await Promise.allSettled(starts);
      const ok = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      started.push(...ok.filter((child) => !running.includes(child)));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
      return ok as { [K in keyof T]: Started };
    };
    const [shopify, gorgias, loop] = await startAll([
      startProcess(node, tsx('app/sandbox/shopify-standalone.ts'), {
        PORT: String(port), SHOPIFY_BUCKET_MAX: String(options.shopifyBucketMax), SHOPIFY_RESTORE_RATE: String(options.shopifyRestoreRate), SHOPIFY_EXTRA_ORDERS: extraOrders,
      }, /listening/, url(port)),
      startProcess(node, tsx('app/sandbox/gorgias-standalone.ts'), {
        PORT: String(port + 1), GORGIAS_BUCKET_CAPACITY: String(options.gorgiasCapacity), GORGIAS_BUCKET_WINDOW_SECONDS: '20',
      }, /listening/, url(port + 1)),
      startProcess(node, tsx('app/sandbox/loop-standalone.ts'), {
        PORT: String(port + 3), LOOP_WEBHOOK_URL: `${portalUrls[0]}/webhooks/loop`, LOOP_REQUESTS_PER_MINUTE: String(options.loopPerMinute), LOOP_EXTRA_ORDERS: extraOrders,
      }, /listening/, url(port + 3)),
    ]);
    proxy = await startCountingProxy(gorgias.url, port + 2);

    // What every portal and worker shares; the public address stands for the load balancer. Logs
    // stay on (`server.started` and `worker.started` say a process is ready), as in production.
    const common = {
      NODE_ENV: 'production', HOST: '127.0.0.1', COMPTOIR_MODE: 'sandbox', COMPTOIR_DATA_DIR: dir,
      DATABASE_URL: database.url, COMPTOIR_WORKERS: 'off', COMPTOIR_PUBLIC_URL: portalUrls[0], COMPTOIR_POLICY_FILE: writePolicy(dir),
      SANDBOX_SHOPIFY_URL: shopify.url, GORGIAS_BASE_URL: proxy.url, LOOP_API_URL: loop.url,
      RATE_LIMIT_ORDER_MAX: String(options.orderMax), RATE_LIMIT_CLIENT_MAX: '1000000', COMPTOIR_LOG: '',
    };
    let workerCount = 0;
    const startWorker = async () => {
      workerCount += 1;
      const worker = await startProcess(node, tsx('app/jobs/worker-main.ts'), { ...common, PORT: String(port + 5 + workerCount) }, /worker\.started/, '');
      running.push(worker);
      return worker;
    };
    // All at once: migrations run under a lock, so whichever comes first migrates and the others wait.
    const [portalA, portalB] = await startAll([
      ...portalUrls.map((portalUrl, i) => startProcess(node, tsx('server.ts'), { ...common, PORT: String(port + 4 + i) }, /server\.started/, portalUrl)),
      ...Array.from({ length: workers }, () => startWorker()),
    ]);
    const topology: Topology = {
      shopifyUrl: shopify.url, gorgiasUrl: gorgias.url, loopUrl: loop.url, gorgiasCalls: proxy, portals: [portalA!, portalB!], databaseUrl: database.url,
      startWorker,
      workers: () => [...running],
      async killWorker(worker) {
        process.kill(worker.pid, 'SIGKILL');
        await worker.stopAndWait();
        running = running.filter((w) => w !== worker);
      },
      close,
    };
    return topology;
  } catch (error) {
    await close();
    throw error;
  }
}
