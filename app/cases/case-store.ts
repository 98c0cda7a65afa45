import { z } from 'zod';
import type { LabelProviderName } from '~/labels/ports';
import type { CustomerReturnHistory } from '~/policy/return-context';
import type { CaseKind, DetailsOf } from './kinds';
import { CASE_STATES, type CaseState } from './case-state';

/*
 * What Comptoir keeps about a shopper's request, and the port that keeps it. A case is an
 * envelope every kind shares and the details of its kind (`KINDS[kind].details`); the zod schemas
 * describe the JSON columns: the repository parses with them on every write and every read.
 */

export const CASE_ACTORS = ['shopper', 'store', 'system', 'agent'] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

/** `C-` and 8 Crockford base32 characters (no I, L, O, U): read aloud without ambiguity. */
export const CASE_ID_PATTERN = /^C-[0-9A-HJKMNP-TV-Z]{8}$/;

export const CaseStateSchema = z.enum(CASE_STATES);

/** Ids the case has at vendors; each worker fills in its own. */
export const ProviderRefsSchema = z
  .object({
    shopifyReturnId: z.string().min(1),
    gorgiasTicketId: z.number().int().positive(),
    loopReturnId: z.string().min(1),
    aftershipTrackingId: z.string().min(1),
    /** The AfterShip Returns return the label job set up (what its webhooks name). */
    aftershipReturnId: z.string().min(1),
  })
  .partial();
export type ProviderRefs = z.infer<typeof ProviderRefsSchema>;

export const CaseEventDataSchema = z.record(z.string(), z.json());

/** What every case has, whatever its kind: who asked about which order, and where it stands. */
export type CaseEnvelope = {
  id: string;
  orderId: string;
  orderName: string;
  /** Keyed hash of the shopper's email: counts their returns without keeping the address. */
  customerEmailHash: string;
  language: string;
  state: CaseState;
  /** Hash of the policy file the verdicts were made under. */
  policyVersion: string;
  providerRefs: ProviderRefs;
  createdAt: Date;
  updatedAt: Date;
};

/** A case of kind `K`: the envelope and the details that kind's schema parses (`KINDS[K].details`). */
export type CaseOf<K extends CaseKind> = CaseEnvelope & { kind: K; details: DetailsOf<K> };

/** A case of any kind; `kind` tells which details it carries. */
export type Case = { [K in CaseKind]: CaseOf<K> }[CaseKind];

export type NewCaseOf<K extends CaseKind> = Omit<CaseOf<K>, 'id' | 'state' | 'providerRefs' | 'createdAt' | 'updatedAt'> & {
  /** Vendor ids already known when the case opens, e.g. the Gorgias ticket the shopper came from. */
  providerRefs?: ProviderRefs;
  /** Logged right after `received`, in the same transaction: why those ids are there. */
  openingEvents?: Omit<NewCaseEvent, 'at'>[];
};

export type NewCase = { [K in CaseKind]: NewCaseOf<K> }[CaseKind];

export type CaseEvent = {
  id: number;
  caseId: string;
  at: Date;
  /** What happened, e.g. `received`, `submitted_to_store`, `shopify.return_requested`. */
  type: string;
  actor: CaseActor;
  data: z.infer<typeof CaseEventDataSchema>;
};

export type NewCaseEvent = Omit<CaseEvent, 'id' | 'caseId'>;

/** A job to queue in the same transaction as the case: delivered only if the case is saved. */
export type CaseJob = {
  name: string;
  data: Record<string, unknown>;
  /** Defaults to `<case id>:<job name>`, so one case never queues the same delivery twice. */
  singletonKey?: string;
  /** Held back this long: a safety net behind work the request itself attempts first. */
  startAfterSeconds?: number;
};

export type OpenCaseResult =
  | { status: 'opened'; case: Case }
  /** The key was seen before: the case it opened then, and no new job. */
  | { status: 'replayed'; case: Case }
  /** The key belongs to a case of another order; nothing of that case is revealed. */
  | { status: 'key_conflict' };

export type TransitionResult =
  | { ok: true; case: Case }
  | { ok: false; reason: 'not_found' | 'not_allowed' | 'stale' };

/** Cases and their event log. Every write that touches both does so in one transaction. */
export interface CaseStore {
  /**
   * Saves a new case in `received`, its `received` event (then `input.openingEvents`), the
   * idempotency key and the jobs from `enqueue` together. A key seen before returns the case it opened, even under concurrent
   * submissions of the same key.
   */
  openCase(
    input: NewCase,
    idempotencyKey: string,
    now: Date,
    enqueue?: (opened: Case) => CaseJob[]
  ): Promise<OpenCaseResult>;
  /** The case, or null for an unknown id. */
  getCase(id: string): Promise<Case | null>;
  /** The case a form's idempotency key opened for this order, if it did: a re-sent form finds it. */
  findCaseByIdempotencyKey(key: string, orderId: string): Promise<Case | null>;
  /** A customer's latest cases, newest first (for the agent's sidebar). */
  listCasesByCustomer(customerEmailHash: string, limit: number): Promise<Case[]>;
  /** Every case of one order (Shopify order GID), oldest first. */
  listCasesForOrder(orderId: string): Promise<Case[]>;
  /**
   * The case that opened this Shopify return (`providerRefs.shopifyReturnId`, or any return its
   * `shopify.returns_opened` events list), or null: how a Shopify webhook finds its case.
   */
  findCaseByShopifyReturnId(returnId: string): Promise<Case | null>;
  /**
   * The case whose label provider's return this is (`providerRefs.loopReturnId`, `aftershipReturnId`;
   * for `store`, the case id itself), or null: how a label provider's webhook finds its case.
   */
  findCaseByProviderReturnId(provider: LabelProviderName, providerReturnId: string): Promise<Case | null>;
  /** Adds one event and bumps `updatedAt`; null when the case does not exist. */
  appendEvent(caseId: string, event: NewCaseEvent): Promise<CaseEvent | null>;
  /** The case's events in the order they were appended. */
  listEvents(caseId: string): Promise<CaseEvent[]>;
  /**
   * Moves the case from `from` to `to` and logs `event`, only if the state machine allows it and
   * the case is still in `from` (a concurrent writer makes this `stale`, not a lost update).
   */
  transition(caseId: string, from: CaseState, to: CaseState, event: NewCaseEvent): Promise<TransitionResult>;
  /**
   * Several transitions and their jobs as one write: from `from` through each step's state (each
   * allowed by the state machine), logging each step's event, then queues `jobs` (keyed as in
   * openCase), and merges `refs` into `providerRefs` when given. All of it or nothing: `stale`
   * when the case left `from` meanwhile.
   */
  advance(caseId: string, from: CaseState, steps: { to: CaseState; event: NewCaseEvent }[], jobs: CaseJob[], refs?: ProviderRefs): Promise<TransitionResult>;
  /** Merges vendor ids into `providerRefs` and logs `event`; null when the case does not exist. */
  recordProviderRefs(caseId: string, refs: ProviderRefs, event: NewCaseEvent): Promise<Case | null>;
  /** Return cases opened by this customer at or after `since`, whatever became of them. */
  countReturnsByCustomerSince(customerEmailHash: string, since: Date): Promise<number>;
  /** The same cases as dates, in the shape the policy engine reads. */
  getReturnHistory(customerEmailHash: string, since: Date): Promise<CustomerReturnHistory>;
}
