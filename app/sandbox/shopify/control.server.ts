import { z } from 'zod';
import type { AccessTokens } from './access-tokens.server';
import { json, readControlBody } from './responses.server';

export const FaultSchema = z.object({
  mode: z.enum(['none', 'throttled', 'http429', 'http500']),
  count: z.number().int().positive().max(10_000).default(1),
  /** Delay before every GraphQL answer from now on (not counted down); omitted keeps the current one. */
  latencyMs: z.number().int().min(0).max(30_000).optional(),
});

export type FaultMode = z.infer<typeof FaultSchema>['mode'];

export type Stats = { requests: number; requestedCost: number; operations: Record<string, number>; unauthorized: number; throttled: number };

export type ControlOptions = {
  /** Side effects for `GET /__sandbox/shopify/returns`. */
  listReturns: () => unknown[];
  /** Latency the emulator starts with and goes back to on reset. */
  latencyMs: number;
  tokens: Pick<AccessTokens, 'revokeAll' | 'stats' | 'resetStats'>;
};

/**
 * Test and benchmark controls, all under `/__sandbox/shopify/`:
 * - `POST faults {mode, count?, latencyMs?}`: the next `count` GraphQL requests answer THROTTLED,
 *   HTTP 429 or 500; `latencyMs` (e.g. `{mode:'none', latencyMs:500}`) delays every answer until reset;
 * - `GET stats`: requests, requested cost and operations seen, GraphQL calls refused for their token
 *   (`unauthorized`) or because the bucket could not hold them (`throttled`), and tokens
 *   granted/refused/live (`tokens`); `GET returns`: returns made by mutations;
 * - `POST tokens/revoke`: every granted token stops working at once (the app uninstalled, its secret rotated);
 * - `POST reset`: the seed, bucket, faults, latency and counters as at start.
 *
 * Injected faults for the next N GraphQL requests, a fixed latency,
 * counters of what the emulator was asked, and the returns it was asked to make. A reset clears
 * faults, latency and counters, and (through `onReset`) the store's data.
 */
export function createControl(onReset: () => void, options: ControlOptions) {
  let fault: { mode: FaultMode; remaining: number } = { mode: 'none', remaining: 0 };
  let stats: Stats = { requests: 0, requestedCost: 0, operations: {}, unauthorized: 0, throttled: 0 };
  let latencyMs = options.latencyMs;

  const reset = () => {
    fault = { mode: 'none', remaining: 0 };
    stats = { requests: 0, requestedCost: 0, operations: {}, unauthorized: 0, throttled: 0 };
    latencyMs = options.latencyMs;
    options.tokens.resetStats();
  };

  return {
    /** Consumes one pending fault if it is one of `modes`. */
    takeFault(modes: FaultMode[]): FaultMode | null {
      if (fault.remaining <= 0 || !modes.includes(fault.mode)) return null;
      fault.remaining -= 1;
      return fault.mode;
    },
    /** Waits the configured latency, so benchmarks can see the portal behind a slow Shopify. */
    async delay(): Promise<void> {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    },
    countRequest(): void {
      stats.requests += 1;
    },
    countUnauthorized(): void {
      stats.unauthorized += 1;
    },
    /** A request the bucket could not hold (injected faults are not counted). */
    countThrottled(): void {
      stats.throttled += 1;
    },
    countOperation(name: string, requestedCost: number): void {
      stats.requestedCost += requestedCost;
      stats.operations[name] = (stats.operations[name] ?? 0) + 1;
    },
    reset,
    /** Answers `/__sandbox/shopify/*`, or null when the path is not a control endpoint. */
    async handle(request: Request, path: string): Promise<Response | null> {
      if (path === '/__sandbox/shopify/stats' && request.method === 'GET') return json({ ...stats, tokens: options.tokens.stats() });
      if (path === '/__sandbox/shopify/tokens/revoke' && request.method === 'POST') return json({ revoked: options.tokens.revokeAll() });
      if (path === '/__sandbox/shopify/returns' && request.method === 'GET') return json({ returns: options.listReturns() });
      if (path === '/__sandbox/shopify/reset' && request.method === 'POST') {
        reset();
        onReset();
        return json({ ok: true });
      }
      if (path === '/__sandbox/shopify/faults' && request.method === 'POST') {
        const parsed = await readControlBody(request, FaultSchema);
        if (!parsed.ok) return parsed.response;
        fault = { mode: parsed.data.mode, remaining: parsed.data.mode === 'none' ? 0 : parsed.data.count };
        latencyMs = parsed.data.latencyMs ?? latencyMs;
        return json({ ok: true, fault, latencyMs });
      }
      return null;
    },
  };
}

export type Control = ReturnType<typeof createControl>;
