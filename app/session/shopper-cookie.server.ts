import { redirect } from '@remix-run/node';
import { cookieAttributes, createOriginCookie } from '~/security/cookie-attributes.server';
import type { SessionStore, ShopperSession } from './ports';
import { SESSION_ABSOLUTE_MS } from './session-rules';

/*
 * `__Host-comptoir_session` everywhere but plain-http loopback (the sandbox on a laptop), where
 * the name is `comptoir_session`; its attributes follow the request (see cookieAttributes):
 * SameSite=Lax in a tab, SameSite=None; Secure; Partitioned inside a chat or help-center iframe.
 */
const cookieFor = createOriginCookie('comptoir_session', SESSION_ABSOLUTE_MS / 1000);

export async function readSessionToken(request: Request, live: boolean): Promise<string | null> {
  const value: unknown = await cookieFor(request, live).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export const serializeSessionCookie = (request: Request, live: boolean, token: string) =>
  cookieFor(request, live).serialize(token, cookieAttributes(request, live));

/** A partitioned cookie is only cleared by a Set-Cookie that is partitioned too: same attributes. */
export const clearSessionCookie = (request: Request, live: boolean) =>
  cookieFor(request, live).serialize('', { ...cookieAttributes(request, live), maxAge: 0 });

/** The verified shopper's session, or a redirect to the lookup page. */
export async function requireShopperSession(
  request: Request,
  deps: { sessions: SessionStore; live: boolean; now: Date },
): Promise<ShopperSession> {
  const token = await readSessionToken(request, deps.live);
  const session = token ? await deps.sessions.get(token, deps.now) : null;
  if (!session) throw redirect('/');
  return session;
}
