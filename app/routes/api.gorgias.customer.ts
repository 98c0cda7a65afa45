import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { toCustomerCaseViews, toGorgiasTicketUrl } from '~/cases/customer-cases';
import type { Config } from '~/env.server';
import { normalizeEmail } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import { isAuthorisedApiCall } from '~/security/api-key.server';
import { log } from '~/utils/log.server';

/*
 * GET /api/gorgias/customer?email={{ticket.customer.email}} — for a Gorgias HTTP integration
 * feeding the sidebar widget: the customer's latest cases, with their orders' parcels and links
 * to the case, its ticket and the order in Shopify admin. Authorization: Bearer <COMPTOIR_API_KEY>.
 */
const QuerySchema = z.object({ email: z.string().max(254).transform(normalizeEmail).pipe(z.email()) });
const MAX_CASES = 10;

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const { config } = services;
  if (!isAuthorisedApiCall(request, config.apiKey)) return Response.json({ error: 'unauthorized' }, { status: 401 });
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: 'invalid request', fields: ['email'] }, { status: 400 });
  const cases = await services.cases.listCasesByCustomer(services.hashId(query.data.email), MAX_CASES);
  const orders = await readOrders(services.orders, [...new Set(cases.map((found) => found.orderId))]);
  const portalUrl = config.publicUrl ?? new URL(request.url).origin;
  const views = toCustomerCaseViews(cases, { shopDomain: config.shopify.shopDomain, portalUrl, toTicketUrl: ticketUrlFor(config, portalUrl) }, orders);
  return Response.json({ cases: views }, { headers: { 'Cache-Control': 'no-store' } });
}

/** The orders that can be read now (cached reads mostly); one the store cannot give is left out. */
async function readOrders(source: { getOrder(id: string): Promise<Order | null> }, ids: string[]): Promise<Map<string, Order>> {
  const settled = await Promise.allSettled(ids.map((id) => source.getOrder(id)));
  const orders = new Map<string, Order>();
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled' && result.value) orders.set(ids[index]!, result.value);
    else if (result.status === 'rejected') log.warn('sidebar.order_unreadable', { message: (result.reason as Error).message });
  });
  return orders;
}

/** Gorgias' own ticket page; in the sandbox, the emulator's agent view. */
function ticketUrlFor(config: Config, portalUrl: string): (ticketId: number) => string | null {
  const gorgias = config.gorgias;
  if (!gorgias) return () => null;
  if (!config.sandbox) return (id) => toGorgiasTicketUrl(gorgias.baseUrl, id);
  const emulatorOrigin = gorgias.mounted ? portalUrl : new URL(gorgias.baseUrl).origin;
  return (id) => `${emulatorOrigin}/__sandbox/gorgias/tickets/${id}`;
}
