import type { LineDecision } from '../decide-return';
import type { SimulatedOrder } from './simulate-order';

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
