import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from '~/integrations/gorgias/helpdesk.server';
import { createLoopClient } from '~/integrations/loop/client.server';
import { createLoopLabelProvider } from '~/integrations/loop/label-provider.server';
import { createStoreLabelProvider } from '~/labels/store/store-provider';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { countJobs } from '~/jobs/parking.server';
import { createQueue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { createLocalPhotoStore } from '~/photos/local-photo-store.server';
import { createShopifyOrderCancel } from '~/integrations/shopify/order-cancel.server';
import { createShopifyOrderAddress } from '~/integrations/shopify/order-address.server';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import { KILL_QUEUES, WorkerChildEnvSchema } from './worker-kill';

/*
 * A worker process for the SIGKILL test: the production handlers (createJobHandlers) over the
 * real adapters, on the database and emulators the parent names, with the test's short queue
 * settings; with a Loop emulator named, the label jobs too. Every half second it prints the queues' counts for the parent to watch.
 */
const env = WorkerChildEnvSchema.parse(process.env);
const database = await createDatabase(env.TEST_WORKER_DATABASE_URL ? { url: env.TEST_WORKER_DATABASE_URL } : { dataDir: env.TEST_WORKER_DATA_DIR });
const queue = await createQueue(database, { queues: KILL_QUEUES, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
const config = { ...parseEnv({}), publicUrl: 'https://portal.example', shopify: { ...parseEnv({}).shopify, shopDomain: env.TEST_WORKER_SHOP } };
const client = createShopifyGraphqlClient({ shopDomain: env.TEST_WORKER_SHOP, auth: { kind: 'admin-token', adminToken: env.TEST_WORKER_TOKEN }, apiSecret: 'x'.repeat(32), sandboxUrl: env.TEST_WORKER_SHOPIFY_URL });
const cases = createDbCaseStore(database.db, queue);
await registerWorkers(queue, createJobHandlers({
  config,
  cases,
  policy: await loadPolicyFile(DEFAULT_POLICY_FILE),
  shopifyReturns: createShopifyReturns({ client }),
  orderCancel: createShopifyOrderCancel({ client }),
  orderAddress: createShopifyOrderAddress({ client }),
  clock: () => new Date(),
  helpdesk: createGorgiasHelpdesk(createGorgiasClient({ baseUrl: env.TEST_WORKER_GORGIAS_URL, email: env.TEST_WORKER_GORGIAS_EMAIL, apiKey: env.TEST_WORKER_GORGIAS_KEY })),
  orders: createShopifyOrderSource({ client }),
  photos: createLocalPhotoStore(mkdtempSync(join(tmpdir(), 'comptoir-worker-photos-'))),
  queue,
  queues: KILL_QUEUES,
  labels: env.TEST_WORKER_LOOP_URL
    ? { providers: { store: createStoreLabelProvider({ returnAddress: ['Retours', '69004 Lyon'], shipWithinDays: 14, timeZone: 'Europe/Paris', clock: () => new Date() }), loop: createLoopLabelProvider(createLoopClient({ baseUrl: env.TEST_WORKER_LOOP_URL, apiKey: env.TEST_WORKER_LOOP_KEY! })) }, defaultProvider: 'loop' }
    : null,
}));

const timer = setInterval(() => {
  countJobs(queue)
    .then((queues) => console.log(JSON.stringify({ event: 'test.counts', queues: queues.map(({ name, counts, parked }) => ({ name, ...counts, parked })) })))
    .catch(() => {});
}, 500);

process.on('SIGTERM', () => {
  clearInterval(timer);
  void queue.stop().then(() => database.close()).finally(() => process.exit(0));
});
