import type { z } from 'zod';
import type { Money, Order } from '~/orders/types';
import type { Policy } from '~/policy/policy-schema';
import type { CaseEnvelope, CaseEvent, CaseStore } from './case-store';
import type { CaseState } from './case-state';
import type { ShopifyOrderCancel } from '~/cancellations/ports';
import type { ShopifyOrderAddress } from '~/address-changes/ports';
import type { ShopifyFulfillmentHolds } from '~/cancellations/hold-ports';
import type { Refunds } from '~/refunds/ports';
import type { Reships } from '~/replacements/ports';
import type { OrderSource } from '~/orders/ports';
import type { AgentKindParts, AgentPartsContext } from './agent-case-view';
import type { ShopifyReturns } from './ports';

/** A case of one kind, as that kind's own code sees it: the envelope and its typed details. */
export type KindCase<K extends string, D> = CaseEnvelope & { kind: K; details: D };

/** Languages of the texts written in code (agent notes, the shopper's reply). */
export type TextLanguage = 'en' | 'fr';

/** The policy's verdict on a request (or one of its items) before the store answers. */
export type CaseVerdict = 'approved' | 'declined' | 'needs_review';

/** What a kind is called, and what its events say, in agent notes and the shopper's reply. */
export type KindText = {
  /** "Return": ticket subjects and note headers. */
  label: string;
  /** "return request": the public reply to the shopper. */
  request: string;
  /** One line per event of this kind's log, for agent notes; unknown events are named as they are. */
  events: Record<string, string>;
  /** Events an agent may cause from the agent page: who did it, and where. */
  decidedHere: Record<string, (who: string) => string>;
  /**
   * The lines a note gives under an event's headline, where the kind words them itself (a label
   * with its tracking link, a refund with its amount); null for the generic `key: value` lines.
   */
  eventLines?: (type: string, data: Record<string, unknown>) => string[] | null;
};

/** A line the shopper sends back, as a label provider needs it. */
export type ParcelLine = { lineItemId: string; title: string; quantity: number; reasonId: string; note: string | null; decision: CaseVerdict };

/** An item asked for in place of one sent back, as lists show it: the new item, its price difference and when it ships. */
export type SummaryExchange = { productTitle: string; variantTitle: string; settle: string; difference: Money; ships: string };

/** The short account of a case in lists: the sidebar, the order page. */
export type CaseSummary = {
  /** What the case is, in one word: the kind, or a narrower one (`exchange` for a return whose every item is exchanged). */
  label: string;
  items: { title: string; quantity: number; decision: CaseVerdict; exchange: SummaryExchange | null }[];
  /** What the shopper gets back, when the kind refunds anything. */
  estimatedRefund: Money | null;
  /**
   * A narrower wording of the case's state, where the kind has one: `items` for a cancellation of
   * some items, whose `completed` reads "Items cancelled" (`case.kindStates.<kind>.<state>_<variant>`).
   */
  stateVariant?: string;
};

/** What a kind's part of the shopper's page may read besides the case. */
export type ShopperViewContext = {
  /** Once the store declined (part of) the request. */
  declined: boolean;
  /** The case's events, oldest first. */
  events: readonly CaseEvent[];
  /** The store's configured return address (lines), or null. */
  returnAddress: string[] | null;
  /** A policy clause's title in the shopper's language, or null (no policy at hand, or no such clause). */
  clauseTitle: (clauseId: string) => string | null;
  /** The shopper session looking at the page (its hash), when there is one: a kind may show more to the session that asked. */
  viewerSessionId?: string | null;
};

/** A photo the case holds, and the name its copy gets when attached to the ticket. */
export type CasePhoto = { key: string; name: string };

/** Where a photo ended up on the ticket: attached, or linked when the helpdesk refused it. */
export type NotePhoto = { attached: true } | { attached: false; link: string };

export type NoteContext = { order: Order; policy: Policy; photos: ReadonlyMap<string, NotePhoto> };

/** What a kind's executor may use; built once per worker process. */
export type ExecuteDeps = {
  cases: CaseStore;
  shopifyReturns: ShopifyReturns;
  orderCancel: ShopifyOrderCancel;
  orderAddress: ShopifyOrderAddress;
  /** Holds shipping while the team reviews a cancellation; absent, a review waits without a hold. */
  fulfillmentHolds?: ShopifyFulfillmentHolds;
  /** Refunds in Shopify (a problem report's refund); absent where no kind run there refunds. */
  refunds?: Refunds;
  /** Free replacement orders in Shopify (a problem report's reship); absent where no kind run there reships. */
  reships?: Reships;
  /**
   * The order as Shopify has it, past the cache once `invalidate` dropped it: an executor that
   * must check the order right before writing (an address change) reads it here.
   */
  orders?: Pick<OrderSource, 'getOrder'> & { invalidate?(orderId: string): void };
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

/**
 * What makes a kind of case (a return, a cancellation…): everything shared code needs to know
 * about it, so the case store, the queue, the ticket and the pages never ask `kind === …`.
 * Each kind's folder exports one (`return/kind.ts`); `kinds.ts` lists them. `V` is the kind's
 * part of the shopper's case page.
 */
export type CaseKindDefinition<K extends string, D, V = unknown> = {
  kind: K;
  /** The shape of `cases.details` for this kind: parsed on every write and every read. */
  details: z.ZodType<D>;
  /** Moves this kind makes besides the ones every case shares (case-state.ts): what follows its decision. */
  transitions: Partial<Record<CaseState, readonly CaseState[]>>;
  /** Its executor in Shopify (server-only code: a `.server` module, empty in the browser). */
  execute(deps: ExecuteDeps): CaseExecutor<KindCase<K, D>>;
  text: Record<TextLanguage, KindText>;
  /** Events the shopper sees on the case page, besides `received`; the rest stay for agents. */
  shopperEvents: ReadonlySet<string>;
  /** Events after which an agent has something to do: their note links the agent case page. */
  agentEvents: ReadonlySet<string>;
  /** The policy's verdict on the whole request, for the ticket's verdict tag until the store answers. */
  policyVerdict(found: { details: D }): CaseVerdict;
  /** The kind's own ticket tags (reasons…), beside `comptoir`, the kind and the verdict. */
  tags(found: { details: D }): string[];
  summary(found: KindCase<K, D>): CaseSummary;
  /** The kind's part of the shopper's case page. */
  shopperView(found: KindCase<K, D>, context: ShopperViewContext): V;
  /**
   * Lines the shopper sends back once the store approves, with their reasons (which choose the
   * label provider): empty when nothing travels (the shopper keeps the items, every line was
   * declined, or the kind sends nothing back). A non-empty list queues the label request.
   */
  parcelLines(found: KindCase<K, D>): ParcelLine[];
  /** Order line items the request is about: the first note marks the parcels that hold them. */
  lineItemIds(found: KindCase<K, D>): string[];
  photos(found: KindCase<K, D>): CasePhoto[];
  /**
   * Where an agent decides a request the policy left to a check: `shopify` (the default) answers
   * the Shopify return request the case opened; `portal` decides on the agent page alone — approved,
   * the kind's executor carries it out in Shopify (a cancellation); declined, nothing is done there.
   */
  review?: 'shopify' | 'portal';
  /** The kind's part of the agent's case page: its items as the agent reads them, the money, the parcel back. */
  agentParts(found: KindCase<K, D>, context: AgentPartsContext): AgentKindParts;
  /** The kind's part of the first note: what the request is about, and what it leads to. */
  noteSections(found: KindCase<K, D>, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] };
};
