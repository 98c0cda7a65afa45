import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { toCustomerCaseViews } from '~/cases/customer-cases';
import { toShopifyAdminOrderUrl } from '~/cases/customer-cases';
import { ticketUrlFor } from '~/helpdesk/ticket-url.server';
import { getI18nInstance } from '~/i18n.server';
import { normalizeEmail } from '~/orders/identifiers';
import { toSidebarOrderViews, type SidebarOrderView } from '~/orders/customer-orders';
import type { Headline } from '~/orders/headline';
import type { Order } from '~/orders/types';
import { isAuthorisedApiCall } from '~/security/api-key.server';
import type { Services } from '~/services.server';
import { toAgentCaseUrl } from '~/session/agent-link.server';
import { log } from '~/utils/log.server';

/*
 * GET /api/gorgias/customer?email={{ticket.customer.email}} — for a Gorgias HTTP integration
 * feeding the sidebar widget: the customer's latest cases, with their orders' parcels and links
 * to the agent's case page, its ticket and the order in Shopify admin; with no case, their latest
 * orders instead. Authorization: Bearer <COMPTOIR_API_KEY>.
 */
const QuerySchema = z.object({ email: z.string().max(254).transform(normalizeEmail).pipe(z.email()) });
const MAX_CASES = 10;
const MAX_ORDERS = 5;

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const { config } = services;
  if (!isAuthorisedApiCall(request, config.apiKey)) return Response.json({ error: 'unauthorized' }, { status: 401 });
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: 'invalid request', fields: ['email'] }, { status: 400 });
  const cases = await services.cases.listCasesByCustomer(services.hashId(query.data.email), MAX_CASES);
  const [orders, events] = await Promise.all([
    readOrders(services.orders, [...new Set(cases.map((found) => found.orderId))]),
    Promise.all(cases.map(async (found) => [found.id, await services.cases.listEvents(found.id)] as const)).then((entries) => new Map(entries)),
  ]);
  const portalUrl = config.publicUrl ?? new URL(request.url).origin;
  const now = services.clock();
  const toAgentUrl = (caseId: string) => toAgentCaseUrl({ publicUrl: portalUrl, secret: config.secret, ttlMs: config.agentLinks.ttlMs }, caseId, now);
  const views = toCustomerCaseViews(cases, { shopDomain: config.shopify.shopDomain, portalUrl, toTicketUrl: ticketUrlFor(config, portalUrl), toAgentUrl }, orders, events);
  const recentOrders = cases.length === 0 ? await readRecentOrders(services, query.data.email) : [];
  return Response.json({ cases: views, orders: recentOrders }, { headers: { 'Cache-Control': 'no-store' } });
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

/** The customer's latest orders, headlines in the agents' language; none when Shopify cannot answer now. */
async function readRecentOrders(services: Services, email: string): Promise<SidebarOrderView[] | null> {
  const { config } = services;
  try {
    const orders = await services.customerOrders.listRecentOrders(email, MAX_ORDERS);
    const i18n = await getI18nInstance(config.agentLanguage);
    const t = i18n.getFixedT(config.agentLanguage, 'orders');
    const day = new Intl.DateTimeFormat(config.agentLanguage, { day: 'numeric', month: 'long', year: 'numeric', timeZone: config.timeZone });
    const describe = (headline: Headline) => describeHeadline(headline, t, (iso) => day.format(new Date(iso)));
    return toSidebarOrderViews(orders, { toAdminUrl: (id) => toShopifyAdminOrderUrl(config.shopify.shopDomain, id), describe });
  } catch (error) {
    log.warn('sidebar.orders_unreadable', { message: (error as Error).message });
    return null;
  }
}

function describeHeadline(headline: Headline, t: (key: string, values?: Record<string, unknown>) => string, date: (iso: string) => string): string {
  switch (headline.key) {
    case 'cancelled':
    case 'delivered':
      return t(`headline.${headline.key}`, { date: date(headline.date) });
    case 'partlyShipped':
      return t('headline.partlyShipped', { shipped: headline.shipped, total: headline.total, count: headline.shipped });
    case 'onItsWay':
      return headline.date ? t('headline.onItsWayBy', { date: date(headline.date) }) : t('headline.onItsWay');
    default:
      return t(`headline.${headline.key}`);
  }
}
