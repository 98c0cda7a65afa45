import type { z } from 'zod';
import type { Policy } from '~/policy/policy-schema';
import type { CaseEnvelope, CaseStore } from './case-store';
import type { ShopifyReturns } from './ports';

/** A case of one kind, as that kind's own code sees it: the envelope and its typed details. */
export type KindCase<K extends string, D> = CaseEnvelope & { kind: K; details: D };

/**
 * What makes a kind of case (a return, a cancellation…): everything shared code needs to know
 * about it, so the case store, the queue, the ticket and the pages never ask `kind === …`.
 * Each kind's folder exports one (`return/kind.ts`); `kinds.ts` lists them.
 */
/** What a kind's executor may use; built once per worker process. */
export type ExecuteDeps = {
  cases: CaseStore;
  shopifyReturns: ShopifyReturns;
  policy: Pick<Policy, 'reasons'>;
  clock: () => Date;
};

/**
 * Carries a case out in Shopify, as the `shopify.execute-case` job. Each attempt reads where the
 * case stands and goes on from there, so a retry never repeats what an earlier one did.
 */
export type CaseExecutor<C> = {
  /** One attempt. An upstream error is thrown: the queue retries with its backoff. */
  run(found: C): Promise<void>;
  /** The last attempt failed: hands the case to an agent and says why the job is parked. */
  giveUp(found: C, error: unknown): Promise<{ code: string; status: number | null }>;
};

export type CaseKindDefinition<K extends string, D> = {
  kind: K;
  /** The shape of `cases.details` for this kind: parsed on every write and every read. */
  details: z.ZodType<D>;
  /** Its executor in Shopify (server-only code: a `.server` module, empty in the browser). */
  execute(deps: ExecuteDeps): CaseExecutor<KindCase<K, D>>;
};
