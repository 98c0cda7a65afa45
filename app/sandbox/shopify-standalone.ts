import { createServer } from 'node:http';
import { z } from 'zod';
import { toNodeHandler } from './node-http.server';
import { createShopifyEmulator } from './shopify/emulator.server';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  /** Benchmarks raise the bucket so they measure the portal rather than Shopify's rate limits. */
  SHOPIFY_BUCKET_MAX: z.coerce.number().positive().default(2000),
  SHOPIFY_RESTORE_RATE: z.coerce.number().positive().default(100),
  /** Lifetime of the tokens the client credentials grant hands out; a few seconds shows the portal renewing them. */
  SHOPIFY_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().max(86_399).default(86_399),
  /** The portal's secret, when it sets one: webhooks are signed with it. */
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  /** Orders after the demo's (#9001…), for benchmarks that need many units to return. */
  SHOPIFY_EXTRA_ORDERS: z.coerce.number().int().min(0).max(999).default(0),
});

const env = EnvSchema.parse(process.env);
const emulator = createShopifyEmulator({
  bucket: { maximumAvailable: env.SHOPIFY_BUCKET_MAX, restoreRate: env.SHOPIFY_RESTORE_RATE },
  tokenLifetimeSeconds: env.SHOPIFY_TOKEN_LIFETIME_SECONDS,
  extraOrders: env.SHOPIFY_EXTRA_ORDERS,
  ...(env.SHOPIFY_API_SECRET ? { webhookSecret: env.SHOPIFY_API_SECRET } : {}),
});
const server = createServer(toNodeHandler(emulator.handle));
// Idle kept-alive sockets stay until the client drops them: a client whose event loop was busy
// (PGlite's initdb in a benchmark) must not reuse one this side is closing at that very moment.
server.keepAliveTimeout = 0;

// Loopback only: the sandbox has a well-known token and test-control endpoints.
server.listen(env.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`shopify emulator listening on http://127.0.0.1:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
