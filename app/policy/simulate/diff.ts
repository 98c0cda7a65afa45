import type { LineDecision } from '../decide-return';
import type { AddressChangeSimulation, CancellationSimulation, ReasonRef, SimulatedActions } from './simulate-actions';
import type { ExchangeAvailability, SimulatedOrder } from './simulate-order';

export type OutcomeChange = {
  orderId: string;
  orderName: string;
  fulfillmentLineItemId: string;
  title: string;
  sku: string | null;
  before: LineDecision;
  after: LineDecision;
  /** The clauses behind either verdict: the rule that refused before, or that refuses now. */
  clauseIds: string[];
};

/**
 * The lines whose outcome differs between two runs over the same orders, in the first run's
 * order. Lines are matched by order and fulfillment line; one present in a single run is skipped,
 * since both runs decide on the same Shopify answers.
 */
export function diffSimulations(before: SimulatedOrder[], after: SimulatedOrder[]): OutcomeChange[] {
  const afterLines = new Map(after.flatMap((order) => order.lines.map((line) => [`${order.orderId}|${line.fulfillmentLineItemId}`, line] as const)));
  const changes: OutcomeChange[] = [];
  for (const order of before) {
    for (const line of order.lines) {
      const other = afterLines.get(`${order.orderId}|${line.fulfillmentLineItemId}`);
      if (!other || other.decision === line.decision) continue;
      changes.push({
        orderId: order.orderId, orderName: order.orderName, fulfillmentLineItemId: line.fulfillmentLineItemId,
        title: line.title, sku: line.sku, before: line.decision, after: other.decision,
        clauseIds: [...new Set([...line.clauseIds, ...other.clauseIds])],
      });
    }
  }
  return changes;
}

export type ExchangeChange = { orderName: string; title: string; sku: string | null; before: ExchangeAvailability; after: ExchangeAvailability };

/** The lines whose exchange availability differs between two runs (both counted), matched as above. */
export function diffExchanges(before: SimulatedOrder[], after: SimulatedOrder[]): ExchangeChange[] {
  const afterLines = new Map(after.flatMap((order) => order.lines.map((line) => [`${order.orderId}|${line.fulfillmentLineItemId}`, line] as const)));
  return before.flatMap((order) => order.lines.flatMap((line) => {
    const other = afterLines.get(`${order.orderId}|${line.fulfillmentLineItemId}`);
    if (!other?.exchange || !line.exchange || other.exchange === line.exchange) return [];
    return [{ orderName: order.orderName, title: line.title, sku: line.sku, before: line.exchange, after: other.exchange }];
  }));
}

type Verdict = CancellationSimulation | AddressChangeSimulation;
type Change<A extends string, V extends Verdict> = {
  action: A; orderId: string; orderName: string; before: V['verdict']; after: V['verdict'];
  /** The reasons behind either verdict: what sent it to review or refused it before, or does now. */
  reasons: ReasonRef[];
};
export type ActionChange = Change<'cancellation', CancellationSimulation> | Change<'addressChange', AddressChangeSimulation>;

const reasonsOf = (verdict: Verdict): ReasonRef[] =>
  verdict.verdict === 'refused' ? [verdict.reason] : verdict.verdict === 'review' ? verdict.reasons : [];

/** The orders whose cancellation or address-change verdict differs between two runs (instant → review, offered → refused), matched by order id. */
export function diffActions(before: SimulatedActions[], after: SimulatedActions[]): ActionChange[] {
  const afterOrders = new Map(after.map((order) => [order.orderId, order]));
  return before.flatMap((order) => {
    const other = afterOrders.get(order.orderId);
    if (!other) return [];
    const { orderId, orderName } = order;
    const reasons = (a: Verdict, b: Verdict) => {
      const all = [...reasonsOf(a), ...reasonsOf(b)];
      return all.filter((r, i) => all.findIndex((s) => s.clauseId === r.clauseId && s.key === r.key) === i);
    };
    const changes: ActionChange[] = [];
    if (order.cancellation.verdict !== other.cancellation.verdict) {
      changes.push({ action: 'cancellation', orderId, orderName, before: order.cancellation.verdict, after: other.cancellation.verdict, reasons: reasons(order.cancellation, other.cancellation) });
    }
    if (order.addressChange.verdict !== other.addressChange.verdict) {
      changes.push({ action: 'addressChange', orderId, orderName, before: order.addressChange.verdict, after: other.addressChange.verdict, reasons: reasons(order.addressChange, other.addressChange) });
    }
    return changes;
  });
}
