import type { Money, Order } from '~/orders/types';
import type { DecisionReason, Facts } from './decide-return';
import { toMinorUnits, toMoney } from './money';
import { getAmount, type Policy } from './policy-schema';
import { PROBLEM_TYPES, RULE_OF, checkProblem, type ProblemOption, type ProblemType, type ReportedLine } from './problems-rules';
import type { ProblemOutcome } from './problems-schema';

export { PROBLEM_TYPES, type ProblemOption, type ProblemType, type ReportedLine } from './problems-rules';
export type { ProblemOutcome } from './problems-schema';

/** Every report about one parcel, offered or not, in a fixed order the page can follow. */
export type ParcelProblemOptions = { parcelId: string; options: ProblemOption[] };
export type ProblemOptions = { parcels: ParcelProblemOptions[]; policyVersion: string; decidedAt: string };

/** What the shopper sends. `lines` only for reports about chosen items; `photos`: how many are attached. */
export type ProblemReport = { type: ProblemType; parcelId: string; lines?: ReportedLine[]; photos: number };

/** A report that cannot be taken as sent, naming the field at fault and an i18n key. */
export type ProblemReportError = { path: (string | number)[]; key: string; facts: Facts };

/**
 * What the store does about a report. `value`: what the reported goods cost; `amount`: what is
 * refunded or credited, only for those outcomes. `reasons` say why a person decides, and are
 * empty for any other outcome.
 */
export type ProblemOffer = {
  type: ProblemType;
  outcome: ProblemOutcome;
  amount?: Money;
  value: Money;
  lines: ReportedLine[];
  clauseId: string;
  reasons: DecisionReason[];
};

export type ProblemDecision =
  | { ok: true; offer: ProblemOffer; policyVersion: string; decidedAt: string }
  | { ok: false; refusal: DecisionReason }
  | { ok: false; errors: ProblemReportError[] };

/**
 * Which problems the shopper may report about each parcel of the order, and why not the others.
 * Unshipped items have no parcel, so nothing to report yet: their questions go through contact.
 * Pure: the clock and the store's zone come in.
 */
export function listProblemOptions(policy: Policy, order: Order, now: Date, timeZone: string): ProblemOptions {
  const ctx = { policy, order, now, timeZone };
  return {
    parcels: order.parcels.map((parcel) => ({ parcelId: parcel.id, options: PROBLEM_TYPES.map((type) => checkProblem(ctx, parcel, type)) })),
    policyVersion: policy.version,
    decidedAt: now.toISOString(),
  };
}

const error = (path: ProblemReportError['path'], name: string, facts: Facts = {}): ProblemReportError =>
  ({ path, key: `policy:problems.errors.${name}`, facts });

function validateLines(option: Extract<ProblemOption, { offered: true }>, lines: ReportedLine[] | undefined): ProblemReportError[] {
  if (option.scope === 'parcel') return lines && lines.length > 0 ? [error(['lines'], 'linesNotAsked')] : [];
  if (!lines || lines.length === 0) return [error(['lines'], 'linesRequired')];
  const shipped = new Map(option.lines.map((line) => [line.lineItemId, line.quantity]));
  const seen = new Set<string>();
  return lines.flatMap((line, i): ProblemReportError[] => {
    const units = shipped.get(line.lineItemId);
    if (units === undefined) return [error(['lines', i, 'lineItemId'], 'lineNotInParcel')];
    if (seen.has(line.lineItemId)) return [error(['lines', i, 'lineItemId'], 'duplicateLine')];
    seen.add(line.lineItemId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return [error(['lines', i, 'quantity'], 'quantityInvalid')];
    if (line.quantity > units) return [error(['lines', i, 'quantity'], 'quantityAboveShipped', { shipped: units })];
    return [];
  });
}

/** The reported goods at their unit prices, in minor units of the lines' currency. */
function valueOf(order: Order, lines: ReportedLine[]): { minor: number; currencyCode: string } {
  const byId = new Map(order.lineItems.map((line) => [line.id, line]));
  const currencyCode = byId.get(lines[0]?.lineItemId ?? '')?.unitPrice.currencyCode ?? order.total.currencyCode;
  const minor = lines.reduce((sum, line) => {
    const price = byId.get(line.lineItemId)?.unitPrice;
    return sum + (price ? toMinorUnits(price.amount, price.currencyCode) * line.quantity : 0);
  }, 0);
  return { minor, currencyCode };
}

function findValueReasons(policy: Policy, type: ProblemType, value: Money, clauseId: string): DecisionReason[] {
  const rule = policy.problems?.[RULE_OF[type]];
  if (!rule || !('maxValue' in rule) || rule.maxValue === undefined) return [];
  const { amount, currencyCode } = value;
  const limit = getAmount(rule.maxValue, currencyCode, policy.store.currency);
  if (limit === null) return [{ key: 'policy:problems.review.currencyNotCovered', clauseId, facts: { currencyCode } }];
  if (toMinorUnits(amount, currencyCode) <= toMinorUnits(limit, currencyCode)) return [];
  return [{ key: 'policy:problems.review.valueAboveLimit', clauseId, facts: { value: amount, limit, currencyCode } }];
}

/**
 * The offer for one report, or why it cannot be taken: the report must be one the options
 * offer, name lines of that parcel (up to the units shipped in it) and carry the photos asked.
 * Above the rule's value limit, or for units already refunded or on a return, a person decides. A refund or
 * credit is the lines' unit prices, never more than the order's total.
 */
export function decideProblem(policy: Policy, order: Order, report: ProblemReport, now: Date, timeZone: string): ProblemDecision {
  const parcel = order.parcels.find((candidate) => candidate.id === report.parcelId);
  if (!parcel) return { ok: false, errors: [error(['parcelId'], 'unknownParcel')] };
  const option = checkProblem({ policy, order, now, timeZone }, parcel, report.type);
  if (!option.offered) return { ok: false, refusal: option.refusal };
  const errors = validateLines(option, report.lines);
  if (!Number.isInteger(report.photos) || report.photos < option.photos) {
    errors.push(error(['photos'], 'photosRequired', { required: option.photos }));
  }
  if (errors.length > 0) return { ok: false, errors };
  const lines = option.scope === 'parcel' ? option.lines : (report.lines ?? []).map((line) => ({ ...line }));
  const { minor, currencyCode } = valueOf(order, lines);
  const value = toMoney(minor, currencyCode);
  // Shopify takes refunded units and units on an open return out of currentQuantity.
  const settled = lines.some((line) => (order.lineItems.find((item) => item.id === line.lineItemId)?.currentQuantity ?? 0) < line.quantity);
  const reasons = [
    ...option.reasons,
    ...findValueReasons(policy, report.type, value, option.clauseId),
    ...(settled ? [{ key: 'policy:problems.review.returnedOrRefunded', clauseId: option.clauseId, facts: {} }] : []),
  ];
  const outcome: ProblemOutcome = reasons.length > 0 ? 'review' : option.outcome;
  const total = order.total.currencyCode === currencyCode ? toMinorUnits(order.total.amount, currencyCode) : minor;
  const amount = outcome === 'refund' || outcome === 'store_credit' ? toMoney(Math.min(minor, total), currencyCode) : undefined;
  return {
    ok: true,
    offer: { type: report.type, outcome, ...(amount ? { amount } : {}), value, lines, clauseId: option.clauseId, reasons },
    policyVersion: policy.version,
    decidedAt: now.toISOString(),
  };
}
