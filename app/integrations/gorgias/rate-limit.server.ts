import { createMemoryBudgetLedger } from '~/budgets/memory-ledger';
import type { BudgetLedger } from '~/budgets/ports';
import { UpstreamError } from '~/utils/upstream-error';
import { parseRetryAfter } from '~/utils/retry-after';
import { CallLimitSchema } from './schemas';

export type CallLimitGate = {
  /** Reserves one call in the account's bucket and waits its turn (bounded), or throws RATE_LIMITED. */
  beforeRequest(): Promise<void>;
  /** Reads `X-Gorgias-Account-Api-Call-Limit: used/limit`, and a 429's `Retry-After`, from any response. */
  record(response: { status: number; headers: Headers }): Promise<void>;
};

/** Gorgias' documented allowance for API keys, until a response says otherwise. */
const DEFAULT_LIMIT = 40;

/**
 * Gorgias' per-account leaky bucket (40 calls per 20 s for API keys), kept in a ledger every
 * worker and portal of the store shares (app/budgets): each call reserves its place first, so
 * processes together stay within the allowance instead of earning 429s, and each response's
 * `used/limit` header corrects the ledger. A 429's Retry-After holds every process back exactly
 * that long. Past `maxWaitMs` nothing is reserved: the call fails as RATE_LIMITED, retryable, with
 * the wait it would have needed, and the queue brings the job back then.
 */
export function createCallLimitGate(options: {
  ledger?: BudgetLedger;
  /** The bucket's key: one per Gorgias account. */
  key?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The bucket drains `limit` calls per window: 20 s for API keys, 10 s on Enterprise. */
  windowMs?: number;
  maxWaitMs?: number;
} = {}): CallLimitGate {
  const ledger = options.ledger ?? createMemoryBudgetLedger();
  const key = options.key ?? 'gorgias';
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windowMs = options.windowMs ?? 20_000;
  const maxWaitMs = options.maxWaitMs ?? 20_000;
  const shapeOf = (limit: number) => ({ capacity: limit, ratePerSecond: (limit * 1000) / windowMs });
  const assumed = shapeOf(DEFAULT_LIMIT);

  return {
    async beforeRequest() {
      const { taken, waitMs } = await ledger.take(key, assumed, 1, now(), maxWaitMs);
      if (!taken) {
        throw new UpstreamError({ service: 'gorgias', status: null, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: Math.ceil(waitMs / 1000) });
      }
      if (waitMs > 0) await sleep(Math.ceil(waitMs));
    },
    async record({ status, headers }) {
      const at = now();
      const reported = CallLimitSchema.safeParse(headers.get('x-gorgias-account-api-call-limit') ?? '').data;
      const shape = reported && reported.limit > 0 ? shapeOf(reported.limit) : null;
      const retryAfterSeconds = status === 429 ? parseRetryAfter(headers.get('retry-after'), at) : null;
      if (!shape && retryAfterSeconds === null) return;
      const bucket = shape ?? assumed;
      // Full but for the next call, plus what drains in the seconds Gorgias asked for: that call,
      // from whichever process, goes out exactly that long from now, and the others behind it.
      const heldBack = retryAfterSeconds === null ? 0 : bucket.capacity - 1 + retryAfterSeconds * bucket.ratePerSecond;
      await ledger.observe(key, assumed, {
        level: Math.max(reported?.used ?? 0, heldBack),
        ...(shape ?? {}),
      }, at);
    },
  };
}
