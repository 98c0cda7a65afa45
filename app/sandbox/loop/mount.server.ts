import type { Express } from 'express';
import { toNodeHandler } from '../node-http.server';
import { createLoopEmulator } from './emulator.server';
import { toLoopOrders } from './seed-orders.server';

/** Where the emulator keeps Loop's real paths (`/api/v1/…`) on the portal's port, and its controls. */
export const LOOP_API_MOUNT = '/__sandbox/loop-api';

/**
 * The Loop emulator on the portal's own port: its API under `/__sandbox/loop-api/api/v1/…`
 * (HAL links and file URLs carry the full path, so the request line is kept whole), its controls
 * and page under `/__sandbox/loop`, and its webhooks posted to the portal's `/webhooks/loop`.
 * Seeded with the demo store's orders.
 */
export function mountLoopEmulator(app: Express, options: { apiKey: string; webhookSecret: string; ownOrigin: string }): void {
  const emulator = createLoopEmulator({
    apiKey: options.apiKey, webhookSecret: options.webhookSecret, webhookUrl: `${options.ownOrigin}/webhooks/loop`,
    apiPrefix: LOOP_API_MOUNT, seed: { orders: toLoopOrders(new Date()) },
  });
  const loop = toNodeHandler(emulator.handle);
  app.use([LOOP_API_MOUNT, '/__sandbox/loop'], (req, res) => {
    req.url = req.originalUrl;
    loop(req, res);
  });
}
