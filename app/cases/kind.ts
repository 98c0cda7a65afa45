import type { z } from 'zod';
import type { CaseEnvelope } from './case-store';

/** A case of one kind, as that kind's own code sees it: the envelope and its typed details. */
export type KindCase<K extends string, D> = CaseEnvelope & { kind: K; details: D };

/**
 * What makes a kind of case (a return, a cancellation…): everything shared code needs to know
 * about it, so the case store, the queue, the ticket and the pages never ask `kind === …`.
 * Each kind's folder exports one (`return/kind.ts`); `kinds.ts` lists them.
 */
export type CaseKindDefinition<K extends string, D> = {
  kind: K;
  /** The shape of `cases.details` for this kind: parsed on every write and every read. */
  details: z.ZodType<D>;
};
