import type { LineItem, Order, StoreReturn } from '~/orders/types';
import { canReturnLine, type DecisionReason, type ReturnDecision } from './decide-return';
import type { Policy } from './policy-schema';
import type { ReturnContext } from './return-context';
import { toZonedDate } from './zoned-date';

/** Why some units of an item cannot be returned online, and how many units it concerns. */
export type ItemReason = DecisionReason & { units: number };

export type ItemReturnability = {
  lineItemId: string;
  title: string;
  variantTitle: string | null;
  image: LineItem['image'];
  quantity: number;
  /** Units the shopper can pick on the return form now. */
  returnableUnits: number;
  /** Every other unit, with its reason; empty when all units can be returned. */
  reasons: ItemReason[];
};

export type ExplainItemsInput = {
  order: Order;
  /** The policy's verdict on Shopify's returnable units; null when nothing has shipped yet. */
  prepared: { context: ReturnContext; decision: ReturnDecision } | null;
  policy: Policy;
  timeZone: string;
};

const ACTIVE = new Set<StoreReturn['status']>(['requested', 'open']);

const unitsOf = (ret: StoreReturn, lineItemId: string) =>
  ret.lines.filter((line) => line.lineItemId === lineItemId).reduce((sum, line) => sum + line.quantity, 0);

function explainLine(line: LineItem, input: ExplainItemsInput): ItemReturnability {
  const { order, prepared, policy, timeZone } = input;
  let left = line.quantity;
  const reasons: ItemReason[] = [];
  // Units are accounted for once each, in the order a shopper would ask about them.
  const take = (units: number, reason: DecisionReason | null) => {
    const taken = Math.max(0, Math.min(units, left));
    left -= taken;
    if (taken > 0 && reason) reasons.push({ ...reason, units: taken });
    return taken;
  };
  const base = { lineItemId: line.id, title: line.title, variantTitle: line.variantTitle, image: line.image, quantity: line.quantity };
  if (line.isGiftCard) {
    take(line.quantity, { key: 'policy:refusal.giftCard', clauseId: policy.giftCards.clause, facts: {} });
    return { ...base, returnableUnits: 0, reasons };
  }
  const scope = policy.scope.clause;
  let inReturns = 0;
  for (const ret of [...order.returns].reverse()) {
    const units = unitsOf(ret, line.id);
    if (ACTIVE.has(ret.status)) {
      inReturns += take(units, { key: 'policy:refusal.inReturn', clauseId: scope, facts: { name: ret.name, requestedOn: toZonedDate(ret.createdAt, timeZone) } });
    } else if (ret.status === 'closed') {
      inReturns += take(units, { key: 'policy:refusal.returned', clauseId: scope, facts: { name: ret.name, closedOn: toZonedDate(ret.closedAt ?? ret.createdAt, timeZone) } });
    }
  }
  // Shopify's currentQuantity leaves out refunded units and units in returns under way.
  take(line.quantity - line.currentQuantity - inReturns, { key: 'policy:refusal.refunded', clauseId: scope, facts: {} });
  take(Math.min(line.unfulfilledQuantity, line.currentQuantity), { key: 'policy:refusal.notShipped', clauseId: policy.window.clause, facts: {} });
  let returnableUnits = 0;
  const counted = new Map((prepared?.context.lines ?? []).map((l) => [l.fulfillmentLineItemId, l.returnableQuantity]));
  for (const verdict of prepared?.decision.lines.filter((v) => v.lineItemId === line.id) ?? []) {
    if (canReturnLine(verdict)) {
      returnableUnits += take(verdict.returnableQuantity, null);
    } else {
      const [first, ...more] = verdict.reasons;
      const taken = first ? take(counted.get(verdict.fulfillmentLineItemId) ?? 0, first) : 0;
      // Further reasons (final sale and window closed) concern the same units.
      if (taken > 0) reasons.push(...more.map((reason) => ({ ...reason, units: taken })));
    }
  }
  // Units Shopify no longer counts as returnable, for a reason none of the above shows.
  take(left, { key: 'policy:refusal.alreadyReturned', clauseId: scope, facts: {} });
  return { ...base, returnableUnits, reasons };
}

/**
 * Every item of the order, with the units that can be returned online and why each other unit
 * cannot: gift card, already in a return or returned (made here or in the store's admin),
 * refunded, not shipped, or the policy's refusal (window closed, final sale…). Pure.
 */
export function explainItems(input: ExplainItemsInput): ItemReturnability[] {
  return input.order.lineItems.map((line) => explainLine(line, input));
}

/** Whether "Return items" leads anywhere: at least one unit of the order can be picked. */
export const hasReturnableUnits = (items: ItemReturnability[]) => items.some((item) => item.returnableUnits > 0);
