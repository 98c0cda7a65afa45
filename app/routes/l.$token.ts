import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { readOrderLinkToken } from '~/session/order-link.server';
import { serializeSessionCookie } from '~/session/shopper-cookie.server';

/**
 * A link an agent sent: opens a session on that one order and shows it, in the language the
 * agent chose. The session keeps the link's ticket, so a case opened in it updates that ticket. An expired or altered link leads to the lookup form, which says so.
 */
export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const claims = readOrderLinkToken(params.token ?? '', services.config.secret, now);
  if (!claims) return redirect('/?link=expired');
  const { token } = await services.sessions.create({ orderId: claims.orderId, orderName: claims.orderName, ticketId: claims.ticketId }, now);
  const cookie = await serializeSessionCookie(request, !services.config.sandbox, token);
  return redirect(claims.language ? `/order?lng=${claims.language}` : '/order', { headers: { 'Set-Cookie': cookie } });
}
