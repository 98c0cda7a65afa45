import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { clearSessionCookie, readSessionToken } from '~/session/shopper-cookie.server';

/** Ends the shopper's session on this device; the order stays one lookup away. */
export async function action({ request, context: { services } }: ActionFunctionArgs) {
  const live = !services.config.sandbox;
  const token = await readSessionToken(request, live);
  if (token) await services.sessions.revoke(token, services.clock());
  return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie(request, live) } });
}

export const loader = () => redirect('/');
