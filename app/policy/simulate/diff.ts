import type { LineDecision } from '../decide-return';
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
