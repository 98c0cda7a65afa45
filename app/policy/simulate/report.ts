import type { LineDecision } from '../decide-return';
import type { SimulationSummary } from './aggregate';
import type { ExchangeChange, OutcomeChange } from './diff';
import type { AssumedSelection, ExchangeAvailability } from './simulate-order';

/** Plain-text report of `npm run policy:simulate`, for a terminal or a pasted ticket. */

export const DECISION_LABELS: Record<LineDecision, string> = {
  eligible: 'auto-approved',
  needs_review: 'to review',
  not_eligible: 'refused',
};

/** Columns padded to their widest cell; `right` aligns numbers. */
export function formatTable(rows: string[][], right: number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (right.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

export const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`);

/** `notDeliveredYet 12, windowClosed.delivery 5`, only when a clause has several. */
const formatReasons = (byReason: Record<string, number>) => {
  const entries = Object.entries(byReason);
  return entries.length > 1 ? entries.sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join(', ') : '';
};

export function formatSummary(summary: SimulationSummary, assumed: AssumedSelection | null): string[] {
  const { lines } = summary;
  const out = [
    `${summary.orders} orders read, ${summary.ordersWithLines} with lines Shopify still counts as returnable`,
    '',
    ...formatTable([
      ['Lines', 'count', '%'],
      ...(['eligible', 'needs_review', 'not_eligible'] as const).map((d) => [DECISION_LABELS[d], String(lines[d]), percent(lines[d], lines.total)]),
      ['total', String(lines.total), ''],
    ], [1, 2]),
  ];
  for (const [heading, counts] of [['Refusals by clause', summary.refusalsByClause], ['Reviews by clause', summary.reviewsByClause]] as const) {
    if (counts.length === 0) continue;
    out.push('', `${heading} (lines)`, ...formatTable(counts.map((c) => [c.clauseId, c.title, String(c.lines), formatReasons(c.byReason)]), [2]));
  }
  out.push('', assumed
    ? `Estimated if every eligible unit came back as "${assumed.reason.id}", ${assumed.outcome} to ${assumed.refundMethod.replace('_', ' ')}:`
    : 'No reason in this policy allows a refund: no money estimate.');
  if (assumed && summary.money.length > 0) {
    out.push(...formatTable([
      ['currency', 'orders', 'items value', 'fees', 'refunds', 'bonus'],
      ...summary.money.map((m) => [m.currencyCode, String(m.orders), m.itemsValue, m.fees, m.estimatedRefund, m.bonus]),
    ], [1, 2, 3, 4, 5]));
  } else if (assumed) {
    out.push('  nothing can be returned');
  }
  return out;
}

const EXCHANGE_LABELS: Record<ExchangeAvailability, string> = {
  same_product: 'another size or colour in stock',
  other_product: 'only another product in stock',
  sold_out: 'nothing else in stock to exchange for',
  not_offered: 'no exchange under the policy',
};

/** The exchanges table: lines that may go back, by what an exchange could give them today. */
export function formatExchanges(summary: SimulationSummary): string[] {
  if (!summary.exchanges) return [];
  const counts = summary.exchanges;
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return ['', 'Exchanges, for the lines that may go back (stock as of now, apart from refunds)', ...formatTable([
    ['Lines', 'count', '%'],
    ...(Object.keys(EXCHANGE_LABELS) as ExchangeAvailability[]).map((key) => [EXCHANGE_LABELS[key], String(counts[key]), percent(counts[key], total)]),
    ['total', String(total), ''],
  ], [1, 2])];
}

export function formatExchangeChanges(changes: ExchangeChange[]): string[] {
  if (changes.length === 0) return ['  no line changes what an exchange could give'];
  return formatTable([
    ['order', 'line', 'before', '', 'after'],
    ...changes.map((c) => [c.orderName, c.sku ? `${c.title} (${c.sku})` : c.title, EXCHANGE_LABELS[c.before], '→', EXCHANGE_LABELS[c.after]]),
  ]);
}

export function formatChanges(changes: OutcomeChange[]): string[] {
  if (changes.length === 0) return ['  no line changes outcome'];
  return formatTable([
    ['order', 'line', 'before', '', 'after', 'clause'],
    ...changes.map((c) => [
      c.orderName, c.sku ? `${c.title} (${c.sku})` : c.title, DECISION_LABELS[c.before], '→', DECISION_LABELS[c.after], c.clauseIds.join(', ') || '–',
    ]),
  ]);
}
