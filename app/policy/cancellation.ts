import type { Money, Order } from '~/orders/types';
import type { DecisionReason } from './decide-return';
import { EU_WITHDRAWAL_DAYS, isEuOrUk } from './eu-guardrail';
import { toMinorUnits, toMoney } from './money';
import { getAmount, type CancellationPolicy, type CancellationRefundMethod, type Policy } from './policy-schema';
import { toZonedDate } from './zoned-date';

/**
 * Facts the order query does not read yet (`Order` lacks them). Each one left out is read the
 * cautious way: never towards a cancellation at once that the facts might not allow.
 */
export type CancellationOrderFacts = {
  /** Shopify's `processedAt`; left out, `createdAt` counts (they differ for imported orders). */
  processedAt?: Date;
  /** The order's tags; left out while the policy excludes some, a person decides. */
  tags?: string[];
  /** Shopify's `closed`; left out, the order is taken as open. */
  closed?: boolean;
  /** Shopify's `netPaymentSet` (received minus refunded); left out, told from the financial status. */
  netPayment?: Money;
};

/** Units of each line the shopper picked to cancel (lines left out are kept). */
export type CancellationSelection = { lineItemId: string; units: number }[];

export type DecideCancellationInput = {
  policy: Policy;
  order: Order;
  facts?: CancellationOrderFacts;
  now: Date;
  /** The store's IANA zone: dates in the facts are on its calendar. */
  timeZone: string;
  /**
   * Some items only, where the policy is `partial`: checked first with `checkSelection`. Left out,
   * or covering every unit left, the whole order is cancelled.
   */
  selection?: CancellationSelection;
};

/** The instants that bound the order's windows: at once before `instantUntil`, as a request before `reviewUntil`. */
export type CancellationWindow = { orderedAt: Date; instantUntil: Date; reviewUntil: Date };

export type CancellationOffer = {
  offered: true;
  mode: 'instant' | 'review';
  clauseId: string;
  /** `order`: the whole order (Shopify's `orderCancel`); `items`: the units in `lines` only. */
  scope: 'order' | 'items';
  /** The units this cancellation stops: every unit left for the whole order, else the selection. */
  lines: { lineItemId: string; units: number }[];
  /** Units each line has left to cancel: what a `partial` offer lets the shopper pick among. */
  available: { lineItemId: string; units: number }[];
  /** Whether the shopper may cancel some items only (see `allowsPartial`). */
  partial: boolean;
  /**
   * What the cancellation gives back: for the whole order, what was paid; for some items, what
   * was paid for them (shipping stays paid). Null when the facts cannot tell (a person then
   * confirms it). `releasesHold`: a payment only authorised is released.
   */
  refund: { amount: Money | null; method: CancellationRefundMethod; releasesHold: boolean };
  restock: boolean;
  notifyCustomer: boolean;
  /** Why a person decides: empty exactly when the mode is `instant`. */
  reasons: DecisionReason[];
  window: CancellationWindow;
  policyVersion: string;
  decidedAt: string;
};

export type CancellationRefusal = { offered: false; refusal: DecisionReason; policyVersion: string; decidedAt: string };
export type CancellationVerdict = CancellationOffer | CancellationRefusal;

const HOUR_MS = 3_600_000;
const NOTHING_PAID = new Set(['AUTHORIZED', 'PENDING', 'EXPIRED', 'VOIDED', 'REFUNDED']);
const BEING_PREPARED = new Set(['IN_PROGRESS', 'PENDING_FULFILLMENT']);
const ACTIVE_RETURN = new Set(['requested', 'open']);
const PAID_IN_FULL = new Set(['PAID', 'PARTIALLY_REFUNDED']);

const normalize = (tag: string) => tag.trim().toLowerCase();

/** No section, no clause of its own to quote: the scope clause says what the policy covers. */
const notOffered = (policy: Policy): DecisionReason => ({ key: 'policy:cancellation.refusal.notOffered', clauseId: policy.scope.clause, facts: {} });

function toWindow(order: Order, rules: CancellationPolicy, facts: CancellationOrderFacts): CancellationWindow {
  const orderedAt = facts.processedAt ?? order.createdAt;
  const after = (hours: number) => new Date(orderedAt.getTime() + hours * HOUR_MS);
  return { orderedAt, instantUntil: after(rules.windowHours), reviewUntil: after(rules.reviewWindowHours) };
}

/**
 * Some items only: where the policy says `partial`, the order is paid in full (a payment only
 * authorised is released whole, never in part) and every line's paid price is known, so the
 * refund for any pick can be shown before the shopper confirms.
 */
export function allowsPartial(rules: CancellationPolicy, order: Order, lines: CancellationOffer['available']): boolean {
  if (!rules.partial || !PAID_IN_FULL.has(order.financialStatus ?? '')) return false;
  const paid = new Map(order.lineItems.map((line) => [line.id, line.paidUnitPrice]));
  const units = lines.reduce((sum, line) => sum + line.units, 0);
  return units > 1 && lines.every((line) => paid.get(line.lineItemId)?.currencyCode === order.total.currencyCode);
}

export type SelectionProblem = 'nothingChosen' | 'tooMany';

/**
 * The shopper's pick, checked against the units left: each line at most what it has left, at
 * least one unit overall. Lines at 0 are dropped. Pure, before any decision is taken on it.
 */
export function checkSelection(available: CancellationOffer['available'], selection: CancellationSelection): { ok: true; selection: CancellationSelection } | { ok: false; problem: SelectionProblem } {
  const left = new Map(available.map((line) => [line.lineItemId, line.units]));
  const picked = new Map<string, number>();
  for (const { lineItemId, units } of selection) {
    const total = (picked.get(lineItemId) ?? 0) + units;
    if (!Number.isInteger(units) || units < 0 || total > (left.get(lineItemId) ?? 0)) return { ok: false, problem: 'tooMany' };
    picked.set(lineItemId, total);
  }
  const chosen = [...picked].filter(([, units]) => units > 0).map(([lineItemId, units]) => ({ lineItemId, units }));
  return chosen.length === 0 ? { ok: false, problem: 'nothingChosen' } : { ok: true, selection: chosen };
}

/** Whether a checked pick takes every unit left: then it is the whole order. */
export const coversEveryUnit = (available: CancellationOffer['available'], selection: CancellationSelection) =>
  available.every((line) => selection.find((picked) => picked.lineItemId === line.lineItemId)?.units === line.units);

/** What the picked units were paid, in the order's currency (see `allowsPartial`: every price known). */
function valueOfItems(order: Order, lines: CancellationOffer['lines']): Money {
  const { currencyCode } = order.total;
  const prices = new Map(order.lineItems.map((line) => [line.id, line.paidUnitPrice]));
  const minor = lines.reduce((sum, { lineItemId, units }) => {
    const price = prices.get(lineItemId);
    return sum + (price ? toMinorUnits(price.amount, currencyCode) * units : 0);
  }, 0);
  return toMoney(minor, currencyCode);
}

function listCancellableLines(order: Order): CancellationOffer['lines'] {
  return order.lineItems
    .map((line) => ({ lineItemId: line.id, units: Math.max(0, Math.min(line.unfulfilledQuantity, line.currentQuantity)) }))
    .filter((line) => line.units > 0);
}

/** Anything handed to a carrier (a parcel not cancelled, or Shopify's status says so) rules cancelling out. */
function findShipment(order: Order, lines: CancellationOffer['lines'], clauseId: string, timeZone: string): DecisionReason | null {
  const parcels = order.parcels.filter((parcel) => parcel.status !== 'cancelled');
  const status = order.fulfillmentStatus;
  if (parcels.length === 0 && status !== 'FULFILLED' && status !== 'PARTIALLY_FULFILLED') return null;
  const first = parcels.reduce<Date | null>((earliest, p) => (earliest && earliest <= p.createdAt ? earliest : p.createdAt), null);
  if (!first) return { key: 'policy:cancellation.refusal.shippedUndated', clauseId, facts: {} };
  const partly = status === 'PARTIALLY_FULFILLED' || (status !== 'FULFILLED' && lines.length > 0);
  return { key: `policy:cancellation.refusal.${partly ? 'partlyShipped' : 'shipped'}`, clauseId, facts: { shippedOn: toZonedDate(first, timeZone) } };
}

/** Every exclusion the order's tags fall under, with the tag that matched. */
function findExcludedTags(rules: CancellationPolicy, tags: string[]) {
  const normalized = new Map(tags.map((tag) => [normalize(tag), tag]));
  return rules.excludedTags.flatMap((rule) => {
    const match = rule.tags.map(normalize).find((tag) => normalized.has(tag));
    return match === undefined ? [] : [{ rule, value: normalized.get(match) ?? match }];
  });
}

/** What was paid, in the order's currency; null when the facts cannot tell. */
function findAmountPaid(order: Order, facts: CancellationOrderFacts): Money | null {
  const { currencyCode } = order.total;
  if (facts.netPayment) {
    if (facts.netPayment.currencyCode !== currencyCode) return null;
    return toMoney(Math.max(0, toMinorUnits(facts.netPayment.amount, currencyCode)), currencyCode);
  }
  if (order.financialStatus === 'PAID') return order.total;
  if (order.financialStatus !== null && NOTHING_PAID.has(order.financialStatus)) return toMoney(0, currencyCode);
  return null;
}

function findRefusal(input: DecideCancellationInput, lines: CancellationOffer['lines']): DecisionReason | null {
  const { policy, order, timeZone, now } = input;
  const rules = policy.cancellation;
  const facts = input.facts ?? {};
  if (order.cancelledAt) {
    return { key: 'policy:cancellation.refusal.alreadyCancelled', clauseId: rules?.clause ?? policy.scope.clause, facts: { cancelledOn: toZonedDate(order.cancelledAt, timeZone) } };
  }
  if (!rules) return notOffered(policy);
  const clauseId = rules.clause;
  const shipment = findShipment(order, lines, clauseId, timeZone);
  if (shipment) return shipment;
  if (facts.closed) return { key: 'policy:cancellation.refusal.closed', clauseId, facts: {} };
  if (lines.length === 0) return { key: 'policy:cancellation.refusal.nothingLeft', clauseId, facts: {} };
  // Shopify's orderCancel refuses these two; saying so now beats a failure after confirming.
  const active = order.returns.find((ret) => ACTIVE_RETURN.has(ret.status));
  if (active) return { key: 'policy:cancellation.refusal.activeReturn', clauseId, facts: { name: active.name } };
  if (order.financialStatus === 'PENDING') return { key: 'policy:cancellation.refusal.paymentPending', clauseId, facts: {} };
  const refused = findExcludedTags(rules, facts.tags ?? []).find(({ rule }) => rule.then === 'refuse');
  if (refused) return { key: 'policy:cancellation.refusal.excludedTag', clauseId: refused.rule.clause, facts: { value: refused.value } };
  const window = toWindow(order, rules, facts);
  // EU/UK shoppers may withdraw before delivery: past the review window a person decides, never "no".
  if (now >= window.reviewUntil && !isEuOrUk(order.shippingAddress?.countryCode ?? null)) {
    return {
      key: 'policy:cancellation.refusal.windowClosed', clauseId,
      facts: { orderedOn: toZonedDate(window.orderedAt, timeZone), windowHours: rules.reviewWindowHours, closedAt: window.reviewUntil.toISOString() },
    };
  }
  return null;
}

function findReviewReasons(input: DecideCancellationInput, rules: CancellationPolicy, window: CancellationWindow, paid: Money | null, value: Money): DecisionReason[] {
  const { order, now } = input;
  const facts = input.facts ?? {};
  const clauseId = rules.clause;
  const reasons: DecisionReason[] = [];
  if (facts.tags === undefined && rules.excludedTags.length > 0) {
    reasons.push({ key: 'policy:cancellation.review.tagsUnknown', clauseId, facts: {} });
  }
  for (const { rule, value } of findExcludedTags(rules, facts.tags ?? [])) {
    reasons.push({ key: 'policy:cancellation.review.excludedTag', clauseId: rule.clause, facts: { value } });
  }
  if (order.fulfillmentStatus === 'ON_HOLD') reasons.push({ key: 'policy:cancellation.review.onHold', clauseId, facts: {} });
  if (BEING_PREPARED.has(order.fulfillmentStatus)) reasons.push({ key: 'policy:cancellation.review.inProgress', clauseId, facts: {} });
  // Past the review window only an EU/UK order is still offered (the refusal stopped others).
  if (now >= window.reviewUntil) {
    const countryCode = order.shippingAddress?.countryCode ?? '';
    reasons.push({ key: 'policy:cancellation.review.euRights', clauseId, facts: { countryCode, euWithdrawalDays: EU_WITHDRAWAL_DAYS } });
  } else if (now >= window.instantUntil) {
    reasons.push({ key: 'policy:cancellation.review.pastWindow', clauseId, facts: { windowHours: rules.windowHours, closedAt: window.instantUntil.toISOString() } });
  }
  if (rules.maxValue !== undefined) {
    // What this cancellation stops: the whole order's total, or the picked items' price.
    const { amount, currencyCode } = value;
    const limit = getAmount(rules.maxValue, currencyCode, input.policy.store.currency);
    if (limit === null) {
      reasons.push({ key: 'policy:cancellation.review.currencyNotCovered', clauseId, facts: { currencyCode } });
    } else if (toMinorUnits(amount, currencyCode) > toMinorUnits(limit, currencyCode)) {
      reasons.push({ key: 'policy:cancellation.review.orderValue', clauseId, facts: { orderTotal: amount, limit, currencyCode } });
    }
  }
  if (paid === null) reasons.push({ key: 'policy:cancellation.review.refundToConfirm', clauseId, facts: {} });
  return reasons;
}

/**
 * Whether the order's shopper may cancel it under the policy, at once or as a request a person
 * reviews, and why not when they may not. Pure: the clock and the store's zone come in. Only
 * an order nothing of which has shipped is ever offered; the refund is what was paid, no more.
 */
export function decideCancellation(input: DecideCancellationInput): CancellationVerdict {
  const { policy, order, now } = input;
  const stamp = { policyVersion: policy.version, decidedAt: now.toISOString() };
  const available = listCancellableLines(order);
  const refusal = findRefusal(input, available);
  const rules = policy.cancellation;
  if (refusal || !rules) {
    return { offered: false, refusal: refusal ?? notOffered(policy), ...stamp };
  }
  const partial = allowsPartial(rules, order, available);
  const picked = partial && input.selection ? checkSelection(available, input.selection) : null;
  const scope = picked?.ok && !coversEveryUnit(available, picked.selection) ? 'items' : 'order';
  const lines = scope === 'items' && picked?.ok ? picked.selection : available;
  const window = toWindow(order, rules, input.facts ?? {});
  const paidForOrder = findAmountPaid(order, input.facts ?? {});
  const itemsValue = scope === 'items' ? valueOfItems(order, lines) : null;
  // Never more than what was paid and not yet refunded, whatever the prices say.
  const paid = itemsValue && paidForOrder
    ? toMoney(Math.min(toMinorUnits(itemsValue.amount, itemsValue.currencyCode), toMinorUnits(paidForOrder.amount, paidForOrder.currencyCode)), itemsValue.currencyCode)
    : paidForOrder;
  const reasons = findReviewReasons(input, rules, window, paid, itemsValue ?? order.total);
  const euOrder = isEuOrUk(order.shippingAddress?.countryCode ?? null);
  // A withdrawal is refunded the way the shopper paid: store credit may be offered, not imposed.
  const method = euOrder && rules.refundMethod === 'store_credit' ? 'original_payment' : rules.refundMethod;
  return {
    offered: true,
    mode: reasons.length === 0 ? 'instant' : 'review',
    clauseId: rules.clause,
    scope,
    lines,
    available,
    partial,
    refund: { amount: paid, method, releasesHold: order.financialStatus === 'AUTHORIZED' },
    restock: rules.restock,
    notifyCustomer: rules.notifyCustomer,
    reasons,
    window,
    ...stamp,
  };
}

/** The facts as the order query reads them now: every one known. */
export const cancellationFactsOf = (order: Order): CancellationOrderFacts => ({
  processedAt: order.processedAt, tags: order.tags, closed: order.closed, netPayment: order.netPayment,
});
