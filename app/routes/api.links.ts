import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { isLanguage } from '~/i18n';
import { normalizeEmail, parseOrderNumber } from '~/orders/identifiers';
import { isAuthorisedApiCall } from '~/security/api-key.server';
import { mintShopperLink } from '~/session/mint-link.server';
import { orServiceUnavailable } from '~/utils/upstream.server';

/*
 * POST /api/links — for a Gorgias macro, HTTP integration or the AI agent. Authorization:
 * `Bearer <COMPTOIR_API_KEY>`. Body: { orderNumber, email, ticketId?, language? }.
 * Answers { url, expiresAt, ticketId }, or 404 when the order and email do not go together.
 */
const MintSchema = z.object({
  orderNumber: z.string().transform((value, ctx) => parseOrderNumber(value) ?? (ctx.addIssue({ code: 'custom', message: 'invalid order number' }), z.NEVER)),
  email: z.string().max(254).transform(normalizeEmail).pipe(z.email()),
  ticketId: z.coerce.number().int().positive().optional(),
  language: z.string().optional().transform((value) => (isLanguage(value) ? value : null)),
});

export async function action({ request, context: { services } }: ActionFunctionArgs) {
  const { config } = services;
  if (!isAuthorisedApiCall(request, config.apiKey)) return Response.json({ error: 'unauthorized' }, { status: 401 });
  const body = MintSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ error: 'invalid request', fields: body.error.issues.map((issue) => issue.path.join('.')) }, { status: 400 });
  const minted = await orServiceUnavailable(() =>
    mintShopperLink(
      { orders: services.orders, tickets: services.helpdesk, hashId: services.hashId, secret: config.secret, ttlMs: config.links.ttlMs },
      { ...body.data, ticketId: body.data.ticketId ?? null },
      services.clock(),
    ),
  );
  if (!minted.ok) return Response.json({ error: 'no such order for this email' }, { status: 404 });
  const origin = config.publicUrl ?? new URL(request.url).origin;
  // ticketId: the ticket the case will be filed on, or null when the one given is not this customer's.
  return Response.json({ url: new URL(`/l/${minted.token}`, origin).href, expiresAt: minted.expiresAt.toISOString(), ticketId: minted.ticketId });
}

// Resource routes answer with plain Responses: under single fetch a `data()` status would be lost.
export const loader = () => Response.json({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } });
