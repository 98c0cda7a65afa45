import { createServicesOrExit, readConfigOrExit } from '~/process-start.server';
import { SANDBOX_AFTERSHIP_PATH } from '~/integrations/aftership/env.server';
import { LOOP_EMULATOR_MOUNT } from '~/integrations/loop/env.server';
import { log } from '~/utils/log.server';
import { createJobHandlers } from './handlers.server';
import { registerWorkers } from './workers.server';

/*
 * Where jobs run. By default the web process (server.ts) runs the workers too: one box, one
 * process, nothing else to start. To scale out, web processes get COMPTOIR_WORKERS=off and one or
 * more `npm run worker` processes (this file) poll the queues; pg-boss shares the jobs among them
 * through PostgreSQL. That split needs DATABASE_URL: an embedded PGlite belongs to one process.
 */
const config = readConfigOrExit();
if (!config.database.url) {
  console.error('npm run worker needs DATABASE_URL: with the embedded database, the web process runs the workers itself.');
  process.exit(1);
}
// The notes and replies a worker writes link the portal: its own HOST and PORT are not where shoppers go.
if (config.gorgias && !config.publicUrlGiven) {
  console.error('npm run worker needs COMPTOIR_PUBLIC_URL (the portal\'s address, e.g. https://help.example.com): the Gorgias notes and replies it writes link the case page, the agent page and the photos.');
  process.exit(1);
}

// In sandbox mode without emulator URLs the emulators live in the portal process.
const ownOrigin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const sandboxUrl = config.sandbox ? (config.shopify.sandboxUrl ?? ownOrigin) : undefined;
const gorgias = config.gorgias?.mounted ? { ...config.gorgias, baseUrl: `${ownOrigin}/__sandbox/gorgias-api` } : config.gorgias;
const aftership = config.aftership?.mounted ? { ...config.aftership, baseUrl: `${ownOrigin}${SANDBOX_AFTERSHIP_PATH}` } : config.aftership;
const loop = config.loop?.mounted ? { ...config.loop, baseUrl: `${ownOrigin}${LOOP_EMULATOR_MOUNT}` } : config.loop;
const services = await createServicesOrExit({ ...config, shopify: { ...config.shopify, sandboxUrl }, gorgias, aftership, loop });
const workers = await registerWorkers(services.queue, createJobHandlers(services));
log.info('worker.started', { workers: workers.length });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Running jobs finish first (20 s at most). One cut off, here or by a crash, stops getting
    // heartbeats and is retried within about two minutes (job-names.ts, queue.server.ts).
    void services.close().finally(() => process.exit(0));
  });
}
