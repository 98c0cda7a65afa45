import { TICKET_FROM_LINK_EVENT } from '~/helpdesk/ticket-fields';
import { GORGIAS_SYNC_CASE, SHOPIFY_EXECUTE_CASE, toGorgiasSyncKey } from '~/jobs/job-names';
import { normalizeEmail } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import type { Policy } from '~/policy/policy-schema';
import type { Case, CaseJob, CaseStore, NewCaseEvent, ProviderRefs } from './case-store';

/*
 * What every kind's opening shares: who the shopper is (as a keyed hash), the ticket they came
 * from, and the jobs queued in the case's own transaction (carrying a case out on the request:
 * opening.server.ts).
 */

/** What a shopper's request of any kind reads and writes: the order fresh from Shopify, the cases, the policy. */
export type RequestDeps = {
  orders: { getOrder(id: string): Promise<Order | null>; invalidate?(id: string): void };
  cases: CaseStore;
  policy: Policy;
  timeZone: string;
  hashId: (value: string) => string;
  /** Whether a helpdesk is configured: then the case's ticket sync is queued with it. */
  helpdesk: boolean;
};

/** The keyed hash of the order's email: counts a customer's cases without keeping the address. */
export const customerHashOf = (hashId: (value: string) => string, order: Pick<Order, 'email' | 'id'>) => hashId(normalizeEmail(order.email ?? order.id));

/** The Gorgias ticket of an agent's link, when the shopper came from one: the case's ticket, and why. */
export function ticketLinkOf(ticketId: number | null | undefined): { providerRefs?: ProviderRefs; openingEvents?: Omit<NewCaseEvent, 'at'>[] } {
  if (!ticketId) return {};
  return { providerRefs: { gorgiasTicketId: ticketId }, openingEvents: [{ type: TICKET_FROM_LINK_EVENT, actor: 'shopper', data: { ticketId } }] };
}

/**
 * The jobs a new case queues: its executor in Shopify, and its ticket when there is a helpdesk.
 * `heldBackSeconds`: the request itself carries the case out first; the job is the safety net.
 */
export const openingJobs = (helpdesk: boolean | undefined, options: { heldBackSeconds?: number } = {}) => (found: Case): CaseJob[] => [
  { name: SHOPIFY_EXECUTE_CASE, data: { caseId: found.id }, ...(options.heldBackSeconds ? { startAfterSeconds: options.heldBackSeconds } : {}) },
  ...(helpdesk ? [{ name: GORGIAS_SYNC_CASE, data: { caseId: found.id }, singletonKey: toGorgiasSyncKey(found.id) }] : []),
];

/**
 * The case a shopper's request already opened: this form's own (its idempotency key), or an earlier
 * one of the same kind on the order still open. A re-sent form or a second request lands there.
 */
export async function findOpenedCase(cases: RequestDeps['cases'], key: string, orderId: string, isOpen: (found: Case) => boolean): Promise<Case | null> {
  return (await cases.findCaseByIdempotencyKey(key, orderId)) ?? (await cases.listCasesForOrder(orderId)).find(isOpen) ?? null;
}

/** The order as Shopify has it now, past the cache: the page it was decided on may be minutes old. */
export async function readFreshOrder(orders: RequestDeps['orders'], orderId: string): Promise<Order | null> {
  orders.invalidate?.(orderId);
  return orders.getOrder(orderId);
}
