import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { log } from '~/utils/log.server';
import type { DatabaseHandle } from './client.server';

/*
 * Per-process caches (orders, their returnable units) that stay true across processes: whoever
 * learns that an order changed — a webhook, a case carried out in Shopify — says so on a
 * PostgreSQL channel, and every process sharing the database drops its copy. LISTEN/NOTIFY needs no
 * table and no polling; PGlite has it too, within its one process. A notification lost while a
 * listener reconnects costs at most a cache's own expiry, which stays as the backstop.
 */

const CHANNEL = 'comptoir_order_changed';
const RECONNECT_MS = 1_000;

export type ChangeBus = {
  /** Tells every process, this one included, that the order changed in Shopify. */
  orderChanged(orderId: string): Promise<void>;
  /** Calls `listener` with each changed order's id, from any process. */
  onOrderChanged(listener: (orderId: string) => void): void;
  close(): Promise<void>;
};

export async function createChangeBus(handle: DatabaseHandle): Promise<ChangeBus> {
  const listeners: ((orderId: string) => void)[] = [];
  const deliver = (payload: string | undefined) => {
    if (!payload) return;
    for (const listener of listeners) listener(payload);
  };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  let close: () => Promise<void> = async () => {};
  if (client instanceof PGlite) {
    const unsubscribe = await client.listen(CHANNEL, deliver);
    close = unsubscribe;
  } else if (client instanceof pg.Pool) {
    close = await listenOnPostgres(client.options.connectionString!, deliver);
  }
  return {
    async orderChanged(orderId) {
      try {
        await handle.db.execute(sql`select pg_notify(${CHANNEL}, ${orderId})`);
      } catch (error) {
        // Never fails what changed the order: other processes then see it within their cache's expiry.
        log.warn('cache.notify_failed', { message: (error as Error).message });
        deliver(orderId);
      }
    },
    onOrderChanged(listener) {
      listeners.push(listener);
    },
    close: () => close(),
  };
}

/** A connection of its own that LISTENs, opened again after a drop; returns how to close it. */
async function listenOnPostgres(connectionString: string, deliver: (payload: string | undefined) => void): Promise<() => Promise<void>> {
  let closed = false;
  let current: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const listener = new pg.Client({ connectionString });
    listener.on('notification', (message) => deliver(message.payload));
    listener.on('error', (error) => {
      log.warn('cache.listener_lost', { message: error.message });
      void listener.end().catch(() => {});
      if (!closed) setTimeout(() => void connect().catch(() => {}), RECONNECT_MS).unref();
    });
    await listener.connect();
    await listener.query(`LISTEN ${CHANNEL}`);
    current = listener;
  };
  await connect();
  return async () => {
    closed = true;
    await current?.end().catch(() => {});
  };
}
