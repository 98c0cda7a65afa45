import { createServer } from 'node:http';
import { z } from 'zod';
import { createGorgiasEmulator } from './gorgias/emulator.server';
import { toNodeHandler } from './node-http.server';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4020),
  /** Benchmarks raise the bucket so they measure the portal rather than Gorgias' rate limit. */
  GORGIAS_BUCKET_CAPACITY: z.coerce.number().int().positive().default(40),
  GORGIAS_BUCKET_WINDOW_SECONDS: z.coerce.number().positive().default(20),
});

const env = EnvSchema.parse(process.env);
const emulator = createGorgiasEmulator({
  bucket: { capacity: env.GORGIAS_BUCKET_CAPACITY, windowSeconds: env.GORGIAS_BUCKET_WINDOW_SECONDS },
});
const server = createServer(toNodeHandler(emulator.handle));
// Idle kept-alive sockets stay until the client drops them: a client whose event loop was busy
// (PGlite's initdb in a benchmark) must not reuse one this side is closing at that very moment.
server.keepAliveTimeout = 0;

// Loopback only: the sandbox has a well-known API key and test-control endpoints.
server.listen(env.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`gorgias emulator listening on http://127.0.0.1:${port} (agent view: /__sandbox/gorgias/tickets)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
