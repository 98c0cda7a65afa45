import { createServer } from 'node:http';
import { z } from 'zod';
import { createLoopEmulator } from './loop/emulator.server';
import { toLoopOrders } from './loop/seed-orders.server';
import { toNodeHandler } from './node-http.server';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4030),
  /** The portal's webhook address (`http://127.0.0.1:3000/webhooks/loop`); none: no webhooks sent. */
  LOOP_WEBHOOK_URL: z.url().optional(),
  /** Benchmarks raise the limit so they measure the portal rather than Loop's 300 a minute. */
  LOOP_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** The Shopify emulator's SHOPIFY_EXTRA_ORDERS, so their returns find their orders here too. */
  LOOP_EXTRA_ORDERS: z.coerce.number().int().min(0).max(999).default(0),
});

const env = EnvSchema.parse(process.env);
const emulator = createLoopEmulator({
  webhookUrl: env.LOOP_WEBHOOK_URL ?? null, perMinute: env.LOOP_REQUESTS_PER_MINUTE, seed: { orders: toLoopOrders(new Date(), env.LOOP_EXTRA_ORDERS) },
});
const server = createServer(toNodeHandler(emulator.handle));
server.keepAliveTimeout = 0;

// Loopback only: the sandbox has a well-known API key and control endpoints. The portal reaches
// it with LOOP_API_URL=http://127.0.0.1:<port> (sandbox mode: the emulator's key and secret).
server.listen(env.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`loop emulator listening on http://127.0.0.1:${port} (returns and controls: /__sandbox/loop)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
