import { PROBLEM_TYPES, type ProblemType } from '../problems';
import { PROBLEM_OFFERS } from '../problems-schema';
import { shortReasonKey, type ActionsSummary, type ReasonCount } from './aggregate-actions';
import type { ActionChange } from './diff';
import { formatTable, percent } from './report';
import type { CancellationSimulation } from './simulate-actions';

/** The cancellation, address-change and problem part of `npm run policy:simulate`, after the returns. */

export const CANCELLATION_LABELS: Record<CancellationSimulation['verdict'], string> = {
  instant: 'cancel at once',
  review: 'ask to cancel, our team reviews',
  refused: 'cannot be cancelled',
};

const ADDRESS_LABELS = { offered: 'address can be changed', refused: 'address cannot be changed' } as const;

const PROBLEM_LABELS: Record<ProblemType, string> = {
  not_received: 'parcel not received',
  delivered_not_found: 'delivered but not found',
  missing_item: 'item missing',
  damaged: 'item damaged',
  wrong_item: 'wrong item',
  delivery_question: 'question about a delivery',
};

const OUTCOME_HEADINGS = { reship: 'reship', refund: 'refund', store_credit: 'store credit', review: 'team reviews' } as const;

const reasonRows = (counts: ReasonCount[]) => counts.map((c) => [c.clauseId, c.title, c.reason, String(c.count)]);

function formatReasons(heading: string, counts: ReasonCount[]): string[] {
  return counts.length === 0 ? [] : ['', heading, ...formatTable(reasonRows(counts), [3])];
}

const notOffered = (section: string, name: string) => ['', `${section}: not offered (the policy has no ${name} section).`];

function formatCancellation(summary: ActionsSummary): string[] {
  const counts = summary.cancellation;
  if (!counts) return notOffered('Cancellation', 'cancellation');
  return [
    '', 'Cancellation, per order',
    ...formatTable([
      ['Orders', 'count', '%'],
      ...(['instant', 'review', 'refused'] as const).map((v) => [CANCELLATION_LABELS[v], String(counts[v]), percent(counts[v], summary.orders)]),
      ['total', String(summary.orders), ''],
    ], [1, 2]),
    ...formatReasons('Cancellation reviews by clause and reason (orders; one with two reasons counts under each)', counts.reviews),
    ...formatReasons('Cancellation refusals by clause and reason (orders)', counts.refusals),
  ];
}

function formatAddressChange(summary: ActionsSummary): string[] {
  const counts = summary.addressChange;
  if (!counts) return notOffered('Address change', 'addressChange');
  return [
    '', 'Address change, per order',
    ...formatTable([
      ['Orders', 'count', '%'],
      ...(['offered', 'refused'] as const).map((v) => [ADDRESS_LABELS[v], String(counts[v]), percent(counts[v], summary.orders)]),
      ['total', String(summary.orders), ''],
    ], [1, 2]),
    ...formatReasons('Address change refusals by clause and reason (orders)', counts.refusals),
  ];
}

function formatProblems(summary: ActionsSummary): string[] {
  const counts = summary.problems;
  if (!counts) return notOffered('Problem reports', 'problems');
  if (counts.parcels === 0) return ['', 'Problem reports: no parcel shipped, nothing to report on.'];
  const out = [
    '', `Problem reports, per parcel (${counts.parcels} parcels on these orders): what the store would do, or not offered`,
    ...formatTable([
      ['Report', ...PROBLEM_OFFERS.map((o) => OUTCOME_HEADINGS[o]), 'not offered'],
      ...PROBLEM_TYPES.map((type) => [PROBLEM_LABELS[type], ...PROBLEM_OFFERS.map((o) => String(counts.byType[type][o])), String(counts.byType[type].refused)]),
    ], [1, 2, 3, 4, 5]),
    '  (what is offered before the shopper picks the items: items above a value limit still go to our team)',
  ];
  if (counts.refusals.length > 0) {
    out.push('', 'Problem reports not offered, by clause and reason (parcels)',
      ...formatTable(counts.refusals.map((c) => [c.clauseId, c.title, PROBLEM_LABELS[c.type], c.reason, String(c.count)]), [4]));
  }
  return out;
}

/** Cancellation, address change and problem reports, each with its counts and the clauses behind its refusals. */
export function formatActions(summary: ActionsSummary): string[] {
  return [
    '', `Besides returns: what the order page would offer on each of the ${summary.orders} orders`,
    ...formatCancellation(summary),
    ...formatAddressChange(summary),
    ...formatProblems(summary),
  ];
}

const ACTION_NAMES: Record<ActionChange['action'], string> = { cancellation: 'cancel', addressChange: 'change address' };

/** Orders whose cancellation or address-change verdict differs between two policies, with the reasons of either. */
export function formatActionChanges(changes: ActionChange[]): string[] {
  if (changes.length === 0) return ['  no order is decided differently for cancelling or changing its address'];
  const labels = (c: ActionChange) =>
    (c.action === 'cancellation' ? [CANCELLATION_LABELS[c.before], CANCELLATION_LABELS[c.after]] : [ADDRESS_LABELS[c.before], ADDRESS_LABELS[c.after]]);
  return formatTable([
    ['order', 'action', 'before', '', 'after', 'why'],
    ...changes.map((c) => [
      c.orderName, ACTION_NAMES[c.action], labels(c)[0]!, '→', labels(c)[1]!,
      c.reasons.map((r) => `${r.clauseId} ${shortReasonKey(r.key)}`).join(', ') || '–',
    ]),
  ]);
}
