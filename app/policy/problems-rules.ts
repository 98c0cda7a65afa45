import type { Order, Parcel } from '~/orders/types';
import type { DecisionReason } from './decide-return';
import { isEuOrUk } from './eu-guardrail';
import type { Policy } from './policy-schema';
import type { ItemProblemRule, ProblemOutcome, ProblemRuleName } from './problems-schema';
import { closesAfter, findDeliveredOn, findNotReceivedTiming, isDelivered } from './problems-timing';
import type { CalendarDate } from './zoned-date';

export const PROBLEM_TYPES = ['not_received', 'delivered_not_found', 'missing_item', 'damaged', 'wrong_item', 'delivery_question'] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const RULE_OF: Record<ProblemType, ProblemRuleName> = {
  not_received: 'notReceived', delivered_not_found: 'deliveredNotFound', missing_item: 'missingItem',
  damaged: 'damaged', wrong_item: 'wrongItem', delivery_question: 'deliveryQuestion',
};

export type ReportedLine = { lineItemId: string; quantity: number };

/**
 * A report the shopper may make about one parcel. `scope`: the whole parcel (its `lines` are
 * all it held), or chosen lines, each up to the units shipped in it. `reasons`, already known,
 * say why a person will decide; a value limit may add more once the lines are chosen.
 */
export type ProblemOption =
  | {
    type: ProblemType; offered: true; clauseId: string; outcome: ProblemOutcome; scope: 'parcel' | 'lines';
    lines: ReportedLine[]; photos: number; reportBy: CalendarDate | null; reasons: DecisionReason[];
  }
  | { type: ProblemType; offered: false; refusal: DecisionReason };

export type ProblemContext = { policy: Policy; order: Order; now: Date; timeZone: string };

const ITEM_RULE = { missing_item: 'missingItem', damaged: 'damaged', wrong_item: 'wrongItem' } as const;
const CONFORMITY = new Set<ProblemType>(['damaged', 'wrong_item']);
const key = (name: string) => `policy:problems.${name}`;

const refuse = (type: ProblemType, name: string, clauseId: string, facts: DecisionReason['facts'] = {}): ProblemOption =>
  ({ type, offered: false, refusal: { key: key(`refusal.${name}`), clauseId, facts } });

/** Lines of the parcel still on the order, with the units shipped in it. */
function listParcelLines(order: Order, parcel: Parcel): ReportedLine[] {
  const known = new Set(order.lineItems.map((line) => line.id));
  return parcel.lines.filter((line) => line.quantity > 0 && known.has(line.lineItemId)).map((line) => ({ ...line }));
}

type Offer = { clauseId: string; outcome: ProblemOutcome; scope: 'parcel' | 'lines'; photos?: number; reportBy?: CalendarDate | null; reasons?: DecisionReason[] };

function offer(ctx: ProblemContext, parcel: Parcel, type: ProblemType, { photos = 0, reportBy = null, reasons = [], ...rest }: Offer): ProblemOption {
  const why = rest.outcome === 'review' && reasons.length === 0 ? [{ key: key('review.byPolicy'), clauseId: rest.clauseId, facts: {} }] : reasons;
  return { type, offered: true, ...rest, lines: listParcelLines(ctx.order, parcel), photos, reportBy, reasons: why };
}

function checkNotReceived(ctx: ProblemContext, parcel: Parcel): ProblemOption {
  const rule = ctx.policy.problems?.notReceived;
  if (!rule) return refuse('not_received', 'notOffered', ctx.policy.problems?.clause ?? ctx.policy.scope.clause);
  if (isDelivered(parcel)) {
    const deliveredOn = findDeliveredOn(parcel, ctx.timeZone);
    return deliveredOn ? refuse('not_received', 'delivered', rule.clause, { deliveredOn }) : refuse('not_received', 'deliveredUndated', rule.clause);
  }
  const timing = findNotReceivedTiming(rule, parcel, ctx.timeZone);
  if (timing.basis === 'carrier_issue' && ctx.now < timing.reportableAt) {
    return refuse('not_received', 'carrierIssue', rule.clause, { issueOn: timing.issueOn, reportableOn: timing.reportableOn, days: rule.carrierIssueDays });
  }
  if (timing.basis === 'expected' && ctx.now < timing.reportableAt) {
    return refuse('not_received', 'notYet', rule.clause, { expectedOn: timing.expectedOn, reportableOn: timing.reportableOn, graceDays: rule.graceDays });
  }
  return offer(ctx, parcel, 'not_received', { clauseId: rule.clause, outcome: rule.offer, scope: 'parcel' });
}

function checkDeliveredNotFound(ctx: ProblemContext, parcel: Parcel): ProblemOption {
  const rule = ctx.policy.problems?.deliveredNotFound;
  if (!rule) return refuse('delivered_not_found', 'notOffered', ctx.policy.problems?.clause ?? ctx.policy.scope.clause);
  if (!isDelivered(parcel)) return refuse('delivered_not_found', 'notDelivered', rule.clause);
  const deliveredOn = findDeliveredOn(parcel, ctx.timeZone);
  const window = deliveredOn ? closesAfter(deliveredOn, rule.reportWithinDays, ctx.timeZone) : null;
  if (deliveredOn && window && ctx.now >= window.closesAt) {
    return refuse('delivered_not_found', 'tooLate', rule.clause, { deliveredOn, days: rule.reportWithinDays, lastDay: window.lastDay });
  }
  const reasons = [{ key: key('review.carrierCheck'), clauseId: rule.clause, facts: {} }];
  return offer(ctx, parcel, 'delivered_not_found', { clauseId: rule.clause, outcome: 'review', scope: 'parcel', reportBy: window?.lastDay, reasons });
}

/**
 * Missing, damaged or wrong items of a delivered parcel. A damaged or wrong item shipped to the
 * EU/UK is owed a remedy by law: a missing rule or a closed window sends it to review instead
 * of a refusal, and store credit becomes a refund (it may be offered, not imposed).
 */
function checkItems(ctx: ProblemContext, parcel: Parcel, type: keyof typeof ITEM_RULE): ProblemOption {
  const problems = ctx.policy.problems;
  const rule: ItemProblemRule | undefined = problems?.[ITEM_RULE[type]];
  const countryCode = ctx.order.shippingAddress?.countryCode ?? null;
  const owed = CONFORMITY.has(type) && isEuOrUk(countryCode);
  const euReason = (clauseId: string) => ({ key: key('review.euConformity'), clauseId, facts: { countryCode: countryCode ?? '' } });
  if (!problems) return refuse(type, 'notOffered', ctx.policy.scope.clause);
  if (!isDelivered(parcel)) return refuse(type, 'notDelivered', rule?.clause ?? problems.clause);
  if (!rule) {
    return owed ? offer(ctx, parcel, type, { clauseId: problems.clause, outcome: 'review', scope: 'lines', reasons: [euReason(problems.clause)] })
      : refuse(type, 'notOffered', problems.clause);
  }
  const deliveredOn = findDeliveredOn(parcel, ctx.timeZone);
  const window = deliveredOn && rule.reportWithinDays !== undefined ? closesAfter(deliveredOn, rule.reportWithinDays, ctx.timeZone) : null;
  const outcome = owed && rule.offer === 'store_credit' ? 'refund' : rule.offer;
  const base = { clauseId: rule.clause, scope: 'lines' as const, photos: rule.photos };
  if (deliveredOn && window && ctx.now >= window.closesAt) {
    if (owed) return offer(ctx, parcel, type, { ...base, outcome: 'review', reasons: [euReason(rule.clause)] });
    return refuse(type, 'tooLate', rule.clause, { deliveredOn, days: rule.reportWithinDays ?? 0, lastDay: window.lastDay });
  }
  return offer(ctx, parcel, type, { ...base, outcome, reportBy: window?.lastDay });
}

function checkQuestion(ctx: ProblemContext, parcel: Parcel): ProblemOption {
  const rule = ctx.policy.problems?.deliveryQuestion;
  if (!rule) return refuse('delivery_question', 'notOffered', ctx.policy.problems?.clause ?? ctx.policy.scope.clause);
  if (isDelivered(parcel)) return refuse('delivery_question', 'questionDelivered', rule.clause);
  const reasons = [{ key: key('review.question'), clauseId: rule.clause, facts: {} }];
  return offer(ctx, parcel, 'delivery_question', { clauseId: rule.clause, outcome: 'review', scope: 'parcel', reasons });
}

/** Whether one report is offered for one parcel, and why not. */
export function checkProblem(ctx: ProblemContext, parcel: Parcel, type: ProblemType): ProblemOption {
  switch (type) {
    case 'not_received': return checkNotReceived(ctx, parcel);
    case 'delivered_not_found': return checkDeliveredNotFound(ctx, parcel);
    case 'delivery_question': return checkQuestion(ctx, parcel);
    default: return checkItems(ctx, parcel, type);
  }
}
