import type { HelpdeskTicket } from './ports';

/**
 * Whether a helpdesk ticket is about the order's customer: the only kind of ticket a case may be
 * filed on, since its notes carry the order and its public reply goes to the ticket's customer.
 * Emails compare case-insensitively (the helpdesk and Shopify both keep the case as typed); a ticket
 * with no customer email, or an order without one, proves nothing and is refused.
 */
export function isOrderCustomerTicket(ticket: Pick<HelpdeskTicket, 'customerEmail'>, orderEmail: string | null | undefined): boolean {
  const ticketEmail = ticket.customerEmail?.trim().toLowerCase();
  const customerEmail = orderEmail?.trim().toLowerCase();
  return Boolean(ticketEmail) && ticketEmail === customerEmail;
}
