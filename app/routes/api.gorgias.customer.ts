import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { toCustomerCaseViews } from '~/cases/customer-cases';
import { normalizeEmail } from '~/orders/identifiers';
import { isAuthorisedApiCall } from '~/security/api-key.server';

/*
 * GET /api/gorgias/customer?email={{ticket.customer.email}} — for a Gorgias HTTP integration
 * feeding the sidebar widget: the customer's latest cases. Authorization: Bearer <COMPTOIR_API_KEY>.
 */
const QuerySchema = z.object({ email: z.string().max(254).transform(normalizeEmail).pipe(z.email()) });
const MAX_CASES = 10;

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  if (!isAuthorisedApiCall(request, services.config.apiKey)) return Response.json({ error: 'unauthorized' }, { status: 401 });
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: 'invalid request', fields: ['email'] }, { status: 400 });
  const cases = await services.cases.listCasesByCustomer(services.hashId(query.data.email), MAX_CASES);
  return Response.json({ cases: toCustomerCaseViews(cases, services.config.shopify.shopDomain) }, { headers: { 'Cache-Control': 'no-store' } });
}
