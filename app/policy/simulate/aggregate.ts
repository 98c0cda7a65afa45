import type { Language } from '~/i18n';
import type { LineDecision } from '../decide-return';
import { fromMinorUnits, toMinorUnits } from '../money';
import { toPolicyPageView } from '../policy-page';
import type { Policy } from '../policy-schema';
import type { ExchangeAvailability, SimulatedLine, SimulatedOrder, SimulatedQuote } from './simulate-order';

/** Lines per clause, and per engine reason within it (`notDeliveredYet` and `windowClosed.delivery` share 2.1). */
export type ClauseCount = { clauseId: string; title: string; lines: number; byReason: Record<string, number> };
export type CurrencyTotals = { currencyCode: string; orders: number } & { [K in keyof SimulatedQuote]: string };

export type SimulationSummary = {
  orders: number;
  /** Orders with at least one line Shopify still counts as returnable. */
  ordersWithLines: number;
  lines: { total: number } & Record<LineDecision, number>;
  /** A line refused under two clauses counts once under each. */
  refusalsByClause: ClauseCount[];
  reviewsByClause: ClauseCount[];
  /** Never summed across currencies: one row per currency orders were charged in. */
  money: CurrencyTotals[];
  /** Lines that may go back, by what an exchange could give them today; null when the catalog was not read. */
  exchanges: Record<ExchangeAvailability, number> | null;
};

const MONEY_KEYS = ['itemsValue', 'fees', 'estimatedRefund', 'bonus'] as const;

/** `policy:refusal.windowClosed.delivery` → `windowClosed.delivery`. */
const shortKey = (key: string) => key.replace(/^policy:(refusal|review)\./, '');

function countClauses(lines: SimulatedLine[], titles: Map<string, string>): ClauseCount[] {
  const counts = new Map<string, ClauseCount>();
  for (const line of lines) {
    for (const clauseId of line.clauseIds) {
      const entry = counts.get(clauseId) ?? { clauseId, title: titles.get(clauseId) ?? '?', lines: 0, byReason: {} };
      entry.lines += 1;
      for (const key of new Set(line.reasons.filter((r) => r.clauseId === clauseId).map((r) => shortKey(r.key)))) {
        entry.byReason[key] = (entry.byReason[key] ?? 0) + 1;
      }
      counts.set(clauseId, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.lines - a.lines || a.clauseId.localeCompare(b.clauseId, 'en', { numeric: true }));
}

function sumMoney(orders: SimulatedOrder[]): CurrencyTotals[] {
  const byCurrency = new Map<string, { orders: number; minor: Record<(typeof MONEY_KEYS)[number], number> }>();
  for (const { quote, currencyCode } of orders) {
    if (!quote) continue;
    const entry = byCurrency.get(currencyCode) ?? { orders: 0, minor: { itemsValue: 0, fees: 0, estimatedRefund: 0, bonus: 0 } };
    entry.orders += 1;
    for (const key of MONEY_KEYS) entry.minor[key] += toMinorUnits(quote[key].amount, currencyCode);
    byCurrency.set(currencyCode, entry);
  }
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currencyCode, { orders, minor }]) => ({
    currencyCode, orders,
    ...(Object.fromEntries(MONEY_KEYS.map((key) => [key, fromMinorUnits(minor[key], currencyCode)])) as Record<(typeof MONEY_KEYS)[number], string>),
  }));
}

function countExchanges(lines: SimulatedLine[]): SimulationSummary['exchanges'] {
  const counted = lines.filter((line) => line.exchange !== null);
  if (counted.length === 0) return null;
  const counts: Record<ExchangeAvailability, number> = { same_product: 0, other_product: 0, sold_out: 0, not_offered: 0 };
  for (const line of counted) counts[line.exchange!] += 1;
  return counts;
}

/** Clause id → title as the policy page shows it, numbers filled in ("30 days from delivery"), not the file's placeholders. */
export const listClauseTitles = (policy: Policy, language: Language): Map<string, string> =>
  new Map(toPolicyPageView(policy, language).sections.flatMap((s) => s.clauses.map((c) => [c.id, c.title] as const)));

/** Counts and totals of a simulation run under one policy; clause titles in one language. */
export function summarizeSimulation(orders: SimulatedOrder[], policy: Policy, language: Language = 'en'): SimulationSummary {
  const lines = orders.flatMap((order) => order.lines);
  const count = (decision: LineDecision) => lines.filter((line) => line.decision === decision).length;
  const titles = listClauseTitles(policy, language);
  return {
    orders: orders.length,
    ordersWithLines: orders.filter((order) => order.lines.length > 0).length,
    lines: { total: lines.length, eligible: count('eligible'), needs_review: count('needs_review'), not_eligible: count('not_eligible') },
    refusalsByClause: countClauses(lines.filter((line) => line.decision === 'not_eligible'), titles),
    reviewsByClause: countClauses(lines.filter((line) => line.decision === 'needs_review'), titles),
    money: sumMoney(orders),
    exchanges: countExchanges(lines),
  };
}
