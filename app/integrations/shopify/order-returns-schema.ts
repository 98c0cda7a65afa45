import { z } from 'zod';
import type { Money, StoreReturn, StoreReturnStatus } from '~/orders/types';
import { toMinorUnits, toMoney } from '~/policy/money';

/** `Order.returns` as ComptoirOrderFields selects it: every return, whoever opened it. */
const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const MoneySchema = z.object({ amount: z.string(), currencyCode: z.string() });

const STATUS: Record<string, StoreReturnStatus> = {
  REQUESTED: 'requested', OPEN: 'open', CLOSED: 'closed', DECLINED: 'declined', CANCELED: 'cancelled',
};

export const OrderReturnNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  // A status Shopify adds later reads as "open": shown, never a broken page.
  status: z.string().transform((value) => STATUS[value] ?? 'open'),
  createdAt: date,
  closedAt: date.nullable(),
  // Unverified lines (no fulfillment line behind them) come back without it.
  returnLineItems: z.object({
    nodes: z.array(z.object({ quantity: z.number().int(), fulfillmentLineItem: z.object({ lineItem: z.object({ id: z.string() }) }).optional() })),
  }),
  exchangeLineItems: z.object({ nodes: z.array(z.object({ quantity: z.number().int(), title: z.string().nullable(), variantTitle: z.string().nullable() })) }),
  refunds: z.object({ nodes: z.array(z.object({ totalRefundedSet: z.object({ presentmentMoney: MoneySchema }) })) }),
});

export type OrderReturnNode = z.infer<typeof OrderReturnNodeSchema>;

/** Refunds of one return added up in their currency (all of an order's refunds share it). */
function sumRefunds(amounts: Money[]): Money | null {
  const first = amounts[0];
  if (!first) return null;
  const cents = amounts.reduce((sum, money) => sum + toMinorUnits(money.amount, money.currencyCode), 0);
  return cents === 0 ? null : toMoney(cents, first.currencyCode);
}

export function toStoreReturn(node: OrderReturnNode): StoreReturn {
  return {
    id: node.id,
    name: node.name,
    status: node.status,
    createdAt: node.createdAt,
    closedAt: node.closedAt,
    lines: node.returnLineItems.nodes.flatMap((line) =>
      line.fulfillmentLineItem ? [{ lineItemId: line.fulfillmentLineItem.lineItem.id, quantity: line.quantity }] : [],
    ),
    exchanges: node.exchangeLineItems.nodes.map((item) => ({ title: item.title ?? '', variantTitle: item.variantTitle, quantity: item.quantity })),
    refunded: sumRefunds(node.refunds.nodes.map((refund) => refund.totalRefundedSet.presentmentMoney)),
  };
}
