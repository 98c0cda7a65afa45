import { createCookie, redirect } from '@remix-run/node';
import type { SessionStore, ShopperSession } from './ports';
import { SESSION_ABSOLUTE_MS } from './session-rules';

const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_ABSOLUTE_MS / 1000 } as const;

/*
 * `__Host-` cookies must be Secure, and browsers refuse Secure cookies over plain http except on
 * loopback — where Safari still refuses them. So a person trying the sandbox on http://localhost
 * gets a plain, non-Secure cookie; every other origin gets the locked-down `__Host-` one.
 */
const hostCookie = createCookie('__Host-comptoir_session', { ...cookieOptions, secure: true });
const loopbackCookie = createCookie('comptoir_session', { ...cookieOptions, secure: false });
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function cookieFor(request: Request, live: boolean) {
  const url = new URL(request.url);
  return !live && url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? loopbackCookie : hostCookie;
}

export async function readSessionToken(request: Request, live: boolean): Promise<string | null> {
  const value: unknown = await cookieFor(request, live).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export const serializeSessionCookie = (request: Request, live: boolean, token: string) =>
  cookieFor(request, live).serialize(token);

export const clearSessionCookie = (request: Request, live: boolean) =>
  cookieFor(request, live).serialize('', { maxAge: 0 });

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
