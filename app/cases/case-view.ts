import { REPLY_SENT_EVENT } from '~/helpdesk/ticket-fields';
import type { Case, CaseEvent } from './case-store';
import { kindOf, type CaseKind, type ShopperViewOf } from './kinds';
import type { CaseState } from './case-state';

const DECLINE_REASONS = ['RETURN_PERIOD_ENDED', 'FINAL_SALE', 'OTHER'] as const;

/** Why the store declined, as its agent put it in Shopify (the note is addressed to the shopper). */
export type DeclineView = { reason: (typeof DECLINE_REASONS)[number]; note: string | null };

/**
 * Where the request stands with the store's support team: `none` without a helpdesk, `pending`
 * until its ticket is known, `with_team` once it is (from the start when the shopper came from an
 * agent's link); `emailed` once the public reply went out, so no email is promised before.
 */
export type HelpdeskView = { status: 'none' | 'pending' | 'with_team'; emailed: boolean };

/** The page's shared part, and its kind's own (for a return: the lines and the refund). */
type SharedCaseView = {
  id: string;
  orderName: string;
  state: CaseState;
  /** How the state is worded, narrowest key first (`toStateKeys`). */
  stateKeys: string[];
  helpdesk: HelpdeskView;
  /** Set once the store declined the request (or its part that needed a check). */
  decline: DeclineView | null;
  /** Oldest first, as a timeline reads. */
  events: { id: number; type: string; at: string }[];
};

/** A case of kind `K` as its shopper sees it. */
export type CaseViewOf<K extends CaseKind> = SharedCaseView & { kind: K } & ShopperViewOf<K>;

/** The shopper's case page: `kind` tells which part of its own it carries. */
export type CaseView = { [K in CaseKind]: CaseViewOf<K> }[CaseKind];

/** The view as one of this kind, or an error (tests, and parts of a page that only that kind has). */
export function asViewOf<K extends CaseKind>(view: CaseView, kind: K): CaseViewOf<K> {
  if (view.kind !== kind) throw new Error(`expected a ${kind} case view, got ${view.kind}`);
  return view as CaseViewOf<K>;
}

/**
 * What the shopper may see of a case: no hashes, notes of the store, or vendor ids. Technical
 * events (vendor ids, retries) stay for agents and logs: the kind lists the ones shown.
 */
export function toCaseView(found: Case, events: CaseEvent[], options: { helpdesk: boolean; returnAddress?: string[] | null; clauseTitle?: (clauseId: string) => string | null; viewerSessionId?: string | null }): CaseView {
  const kind = kindOf(found);
  const decline = toDeclineView(events);
  const shown = (event: CaseEvent) => event.type === 'received' || kind.shopperEvents.has(event.type);
  // One cast: TypeScript cannot tie the kind's own view to `found.kind` (see kindOf).
  return {
    id: found.id,
    kind: found.kind,
    orderName: found.orderName,
    state: found.state,
    stateKeys: toStateKeys(found),
    helpdesk: toHelpdeskView(found, events, options.helpdesk),
    ...kind.shopperView(found, { declined: decline !== null, events, returnAddress: options.returnAddress ?? null, clauseTitle: options.clauseTitle ?? (() => null), viewerSessionId: options.viewerSessionId ?? null }),
    decline,
    events: events.filter(shown).map((event) => ({ id: event.id, type: event.type, at: event.at.toISOString() })),
  } as CaseView;
}

/** The short list on the order page. */
export function toCaseSummaries(cases: Case[]) {
  return cases.map((found) => ({
    id: found.id, kind: found.kind, state: found.state, createdAt: found.createdAt.toISOString(),
    items: kindOf(found).summary(found).items.reduce((sum, item) => sum + item.quantity, 0),
    stateKeys: toStateKeys(found),
  }));
}

/** The locale keys that word the case's state, narrowest first (see `CaseSummary.stateVariant`). */
export function toStateKeys(found: Case): string[] {
  const variant = kindOf(found).summary(found).stateVariant;
  const general = [`case.kindStates.${found.kind}.${found.state}`, `case.state.${found.state}`];
  return variant ? [`case.kindStates.${found.kind}.${found.state}_${variant}`, ...general] : general;
}

function toDeclineView(events: CaseEvent[]): DeclineView | null {
  const declined = events.findLast((event) => event.type === 'declined_by_store');
  if (!declined) return null;
  const reason = DECLINE_REASONS.find((known) => known === declined.data['declineReason']) ?? 'OTHER';
  const note = declined.data['declineNote'];
  return { reason, note: typeof note === 'string' && note.length > 0 ? note : null };
}

function toHelpdeskView(found: Case, events: CaseEvent[], configured: boolean): HelpdeskView {
  if (!configured) return { status: 'none', emailed: false };
  return {
    status: found.providerRefs.gorgiasTicketId ? 'with_team' : 'pending',
    emailed: events.some((event) => event.type === REPLY_SENT_EVENT),
  };
}
