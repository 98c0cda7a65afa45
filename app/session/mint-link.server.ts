import { isOrderCustomerTicket } from '~/helpdesk/ticket-owner';
import type { Helpdesk } from '~/helpdesk/ports';
import { isShopperOrder } from '~/orders/lookup';
import type { OrderSource } from '~/orders/ports';
import type { Order } from '~/orders/types';
import { log } from '~/utils/log.server';
import { mintOrderLinkToken } from './order-link.server';

export type MintLinkRequest = { orderNumber: string; email: string; ticketId: number | null; language: string | null };

export type MintLinkDeps = {
  orders: OrderSource;
  /** The helpdesk the link's ticket lives in; null when none is connected (the ticket is then dropped). */
  tickets: Pick<Helpdesk, 'getTicket'> | null;
  /** Keyed hash for the refusal log line. */
  hashId: (value: string) => string;
  secret: string;
  ttlMs: number;
};

/**
 * For an agent, a macro or the AI agent: checks the order belongs to that email (one Shopify
 * call) and returns a sealed link that opens the portal on it. Unknown order and wrong email
 * answer the same way, as for shoppers. A `ticketId` is kept only when that Gorgias ticket is
 * the order's customer's (one Gorgias call): a case must never be filed on, nor its reply sent
 * from, another customer's ticket. Otherwise the link still works and the case gets its own
 * ticket. The sync checks again, since a ticket may change customer after the link is minted.
 * @throws UpstreamError
 */
export async function mintShopperLink(
  deps: MintLinkDeps,
  request: MintLinkRequest,
  now: Date,
): Promise<{ ok: true; token: string; expiresAt: Date; ticketId: number | null } | { ok: false }> {
  const order = await deps.orders.findOrderForShopper({ orderNumber: request.orderNumber, email: request.email });
  if (!order || !isShopperOrder(order, request)) return { ok: false };
  const ticketId = request.ticketId === null ? null : await toOwnTicket(deps, request.ticketId, order);
  const expiresAt = new Date(now.getTime() + deps.ttlMs);
  const token = mintOrderLinkToken({ orderId: order.id, orderName: order.name, ticketId, language: request.language, expiresAt }, deps.secret);
  return { ok: true, token, expiresAt, ticketId };
}

/** The ticket id when it is the order's customer's ticket; null (and one log line) otherwise. */
async function toOwnTicket(deps: MintLinkDeps, ticketId: number, order: Order): Promise<number | null> {
  let reason: 'no_helpdesk' | 'not_found' | 'other_customer';
  if (!deps.tickets) reason = 'no_helpdesk';
  else {
    // A deleted or merged ticket is no ticket to file on; the helpdesk being down is thrown.
    const ticket = await deps.tickets.getTicket(ticketId);
    if (ticket && isOrderCustomerTicket(ticket, order.email)) return ticketId;
    reason = ticket ? 'other_customer' : 'not_found';
  }
  log.warn('links.ticket_refused', { reason, order: deps.hashId(`order:${order.name}`), ticket: deps.hashId(`ticket:${ticketId}`) });
  return null;
}
