import { deliverWithRetries } from '../webhook-delivery.server';
import { createHmac } from 'node:crypto';

/*
 * The emulator's webhook side. Loop is a PHP application: its bodies are `json_encode` output —
 * compact, `/` escaped as `\/`, non-ASCII as `\uXXXX` — and `X-Loop-Signature` is the base64
 * HMAC-SHA256 of exactly those bytes. A delivery that does not get a 2xx is retried with growing
 * delays. Switches imitate a real network: every delivery twice, pairs swapped, or held back.
 */

/** PHP's default `json_encode`: what Loop signs. */
export function toPhpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The body and headers of one Loop delivery: tests sign with this too. */
export function toLoopWebhookRequest(secret: string, payload: unknown): { body: string; headers: Record<string, string> } {
  const body = toPhpJson(payload);
  return { body, headers: { 'Content-Type': 'application/json', 'X-Loop-Signature': createHmac('sha256', secret).update(body, 'utf8').digest('base64'), 'User-Agent': 'Loop-Webhooks (comptoir sandbox)' } };
}

type Payload = { topic: string; trigger: string; return_id?: unknown; id?: unknown; [field: string]: unknown };

export type DeliverySwitches = {
  /** Every delivery is sent twice, as an at-least-once sender may. */
  duplicate: boolean;
  /** Deliveries are held in pairs and the second goes first. */
  outOfOrder: boolean;
  /** Real milliseconds each delivery waits before its first attempt. */
  delayMs: number;
};

export type DeliveryRecord = {
  seq: number; topic: string; trigger: string; returnId: string;
  attempts: number; status: 'pending' | 'delivered' | 'failed'; lastStatus: number | null;
};

const DEFAULT_RETRY_DELAYS_MS = [1, 2, 4, 8, 16].map((seconds) => seconds * 1000);
const LOG_SIZE = 200;

export function createLoopWebhookHub(options: { targetUrl: string | null; secret: string; retryDelaysMs?: number[] }) {
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let switches: DeliverySwitches = { duplicate: false, outOfOrder: false, delayMs: 0 };
  let log: DeliveryRecord[] = [];
  let held: (() => Promise<void>) | null = null;
  let seq = 0;
  let generation = 0;
  const inFlight = new Set<Promise<void>>();

  async function deliver(entry: DeliveryRecord, body: string, headers: Record<string, string>, ofGeneration: number): Promise<void> {
    if (switches.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, switches.delayMs));
    await deliverWithRetries(entry, { url: () => options.targetUrl, body, headers }, { retryDelays, timeoutMs: 5000, stillWanted: () => ofGeneration === generation });
  }

  const track = (running: Promise<void>) => {
    const tracked = running.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };

  /** Delivers one event (twice with `duplicate`); resolves when every copy is done. */
  function start(payload: Payload): Promise<void> {
    const { body, headers } = toLoopWebhookRequest(options.secret, payload);
    const copies = switches.duplicate ? 2 : 1;
    const ofGeneration = generation;
    const runs: Promise<void>[] = [];
    for (let copy = 0; copy < copies; copy++) {
      seq += 1;
      const entry: DeliveryRecord = {
        seq, topic: payload.topic, trigger: payload.trigger, returnId: String(payload.return_id ?? payload.id ?? ''),
        attempts: 0, status: 'pending', lastStatus: null,
      };
      log = [entry, ...log].slice(0, LOG_SIZE);
      runs.push(deliver(entry, body, headers, ofGeneration));
    }
    return Promise.all(runs).then(() => undefined);
  }

  return {
    /** Sends one event to the portal in the background, signed, as the switches say. */
    emit(payload: Payload): void {
      if (!switches.outOfOrder) return void track(start(payload));
      if (!held) {
        held = () => start(payload);
        return;
      }
      // The later event is delivered first; the earlier one only once it is done.
      const earlier = held;
      held = null;
      void track(start(payload).then(earlier));
    },
    setSwitches(next: DeliverySwitches): DeliverySwitches {
      switches = { ...next };
      // Turning the swap off releases what it held, so no event is lost.
      if (!switches.outOfOrder && held) {
        const release = held;
        held = null;
        void track(release());
      }
      return switches;
    },
    switches: () => switches,
    deliveries: () => log,
    /** Resolves once nothing is in flight (tests). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset(): void {
      generation += 1;
      log = [];
      held = null;
      switches = { duplicate: false, outOfOrder: false, delayMs: 0 };
    },
  };
}

export type LoopWebhookHub = ReturnType<typeof createLoopWebhookHub>;
