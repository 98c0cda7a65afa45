import { isShopperOrder } from '~/orders/lookup';
import type { OrderSource } from '~/orders/ports';
import { mintOrderLinkToken } from './order-link.server';

export type MintLinkRequest = { orderNumber: string; email: string; ticketId: number | null; language: string | null };

/**
 * For an agent, a macro or the AI agent: checks the order belongs to that email (one Shopify
 * call) and returns a signed link that opens the portal on it. Unknown order and wrong email
 * answer the same way, as for shoppers.
 * @throws UpstreamError
 */
export async function mintShopperLink(
  deps: { orders: OrderSource; secret: string; ttlMs: number },
  request: MintLinkRequest,
  now: Date,
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false }> {
  const order = await deps.orders.findOrderForShopper({ orderNumber: request.orderNumber, email: request.email });
  if (!order || !isShopperOrder(order, request)) return { ok: false };
  const expiresAt = new Date(now.getTime() + deps.ttlMs);
  const token = mintOrderLinkToken({ orderId: order.id, orderName: order.name, ticketId: request.ticketId, language: request.language, expiresAt }, deps.secret);
  return { ok: true, token, expiresAt };
}
