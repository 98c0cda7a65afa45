import { createServer } from 'node:http';
import { z } from 'zod';
import { createAftershipEmulator } from './aftership/emulator.server';
import { toNodeHandler } from './node-http.server';

/*
 * The AfterShip emulator in its own process (`npm run sandbox:aftership`), for benchmarks and for a
 * portal started with `AFTERSHIP_API_URL=http://127.0.0.1:4030/returns/2026-07`.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4030),
  /** Where its webhooks go: the portal's `/webhooks/aftership`; empty = logged only. */
  AFTERSHIP_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Benchmarks raise it so they measure the portal rather than AfterShip's limit. */
  AFTERSHIP_REQUESTS_PER_SECOND: z.coerce.number().int().positive().default(10),
});

const env = EnvSchema.parse(process.env);
const emulator = createAftershipEmulator({ webhookUrl: env.AFTERSHIP_WEBHOOK_URL ?? null, requestsPerSecond: env.AFTERSHIP_REQUESTS_PER_SECOND });
const server = createServer(toNodeHandler(emulator.handle));
server.keepAliveTimeout = 0;

// Loopback only: the sandbox has a well-known API key and control endpoints.
server.listen(env.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`aftership emulator listening on http://127.0.0.1:${port}/returns/2026-07 (controls: /__sandbox/aftership)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
