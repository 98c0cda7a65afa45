import { deliverWithRetries } from '../webhook-delivery.server';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { signAftershipWebhook } from '~/integrations/aftership/webhook-signature';

/*
 * The emulator's webhook side, as AfterShip Returns sends them: a POST per event with
 * `{id, version, event, created_at, data}` (data = the whole return), signed with
 * `as-signature-hmac-sha256`, retried on a non-2xx answer or a timeout with delays that double
 * (AfterShip: 14 attempts, 30 s × 2^(n-1); the sandbox default is quicker). Switches make
 * deliveries arrive twice (same id), out of order (each held back until the next one has gone)
 * or late.
 */

export const WebhookSwitchesSchema = z.strictObject({
  /** Every delivery is sent twice, with the same envelope id. */
  duplicate: z.boolean().default(false),
  /** Each event is held back and sent after the next one. */
  outOfOrder: z.boolean().default(false),
  /** Real milliseconds before each delivery's first attempt. */
  delayMs: z.number().int().min(0).max(600_000).default(0),
});
export type WebhookSwitches = z.infer<typeof WebhookSwitchesSchema>;

export type WebhookLogEntry = {
  id: string; event: string; returnId: string; attempts: number; status: 'pending' | 'held' | 'delivered' | 'failed'; lastStatus: number | null;
};

export type WebhookHubOptions = {
  /** The portal's `/webhooks/aftership`; null: events are logged, not sent. */
  url: string | null;
  secret: string;
  version: string;
  clock: () => Date;
  retryDelaysMs?: number[];
};

const DEFAULT_RETRY_DELAYS_MS = [1, 2, 4, 8, 16, 32].map((s) => s * 1000);
const ATTEMPT_TIMEOUT_MS = 10_000;
const LOG_SIZE = 200;

/** Body and headers of one delivery: what the emulator posts, and what tests post to play AfterShip. */
export function toAftershipWebhookRequest(secret: string, envelope: { id: string; version: string; event: string; created_at: string; data: unknown }) {
  const body = JSON.stringify(envelope);
  return { body, headers: { 'Content-Type': 'application/json', 'User-Agent': 'AfterShip-Returns-Webhook', 'as-signature-hmac-sha256': signAftershipWebhook(secret, body) } };
}

export function createWebhookHub(options: WebhookHubOptions) {
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let switches: WebhookSwitches = WebhookSwitchesSchema.parse({});
  let log: WebhookLogEntry[] = [];
  let held: Array<() => void> = [];
  const inFlight = new Set<Promise<void>>();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function deliver(entry: WebhookLogEntry, request: { body: string; headers: Record<string, string> }, delayMs: number): Promise<void> {
    if (delayMs > 0) await wait(delayMs);
    await deliverWithRetries(entry, { url: () => options.url, body: request.body, headers: request.headers }, { retryDelays, timeoutMs: ATTEMPT_TIMEOUT_MS, stillWanted: () => log.includes(entry) });
  }

  function start(entry: WebhookLogEntry, request: { body: string; headers: Record<string, string> }): void {
    entry.status = 'pending';
    const copies = switches.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const running = deliver(entry, request, switches.delayMs).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
  }

  return {
    /** Sends `event` with the return's snapshot, in the background. */
    emit(event: string, data: { id: string } & Record<string, unknown>): void {
      const envelope = { id: randomUUID().replaceAll('-', ''), version: options.version, event, created_at: options.clock().toISOString(), data };
      const request = toAftershipWebhookRequest(options.secret, envelope);
      const entry: WebhookLogEntry = { id: envelope.id, event, returnId: data.id, attempts: 0, status: 'held', lastStatus: null };
      log = [entry, ...log].slice(0, LOG_SIZE);
      const release = held;
      held = [];
      if (switches.outOfOrder && release.length === 0) {
        held.push(() => start(entry, request));
        return;
      }
      start(entry, request);
      for (const send of release) send();
    },
    setSwitches(next: WebhookSwitches): WebhookSwitches {
      switches = { ...next };
      if (!switches.outOfOrder) this.flush();
      return switches;
    },
    switches: () => switches,
    /** Sends what is held back. */
    flush(): void {
      const release = held;
      held = [];
      for (const send of release) send();
    },
    deliveries: () => log,
    /** Resolves once no delivery is in flight (tests, benchmarks). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset(): void {
      log = [];
      held = [];
      switches = WebhookSwitchesSchema.parse({});
    },
  };
}

export type WebhookHub = ReturnType<typeof createWebhookHub>;
