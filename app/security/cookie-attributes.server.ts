import { createCookie, type Cookie } from '@remix-run/node';
import { isEmbedded } from './embed.server';

export type CookieAttributes = {
  httpOnly: true;
  path: '/';
  secure: boolean;
  sameSite: 'lax' | 'none';
  partitioned: boolean;
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A person trying the sandbox over plain http on loopback, where Safari refuses Secure cookies
 * and so the `__Host-` prefix: cookies there drop the prefix. Live mode never counts. The name
 * depends on the origin only, never on the mode, so a cookie set inside the iframe is still
 * found by a request that lacks the iframe signal.
 */
export function isPlainLoopback(request: Request, live: boolean): boolean {
  const url = new URL(request.url);
  return !live && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/*
 * Inside a third-party iframe, browsers drop SameSite=Lax cookies and, more and more, any
 * unpartitioned one: there the cookie is SameSite=None, Secure (required by both) and Partitioned
 * (CHIPS), so it lives in a jar keyed by the embedding site and nobody else ever sees it. Chrome
 * accepts Secure cookies over http on loopback, which is what the sandbox chat widget runs on.
 */
export function cookieAttributes(request: Request, live: boolean): CookieAttributes {
  const embedded = isEmbedded(request);
  return {
    httpOnly: true,
    path: '/',
    secure: embedded || !isPlainLoopback(request, live),
    sameSite: embedded ? 'none' : 'lax',
    partitioned: embedded,
  };
}

/**
 * A cookie named `__Host-<name>` everywhere but plain-http loopback, where it is `<name>`: the
 * pair every portal cookie that must be Secure where it can be comes in. Attributes are given
 * per request at serialize time (`cookieAttributes`).
 */
export function createOriginCookie(name: string, maxAgeSeconds: number): (request: Request, live: boolean) => Cookie {
  const host = createCookie(`__Host-${name}`, { maxAge: maxAgeSeconds });
  const loopback = createCookie(name, { maxAge: maxAgeSeconds });
  return (request, live) => (isPlainLoopback(request, live) ? loopback : host);
}
