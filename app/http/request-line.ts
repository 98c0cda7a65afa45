/**
 * What a request must look like before it may reach Remix (or any route): things Node's parser
 * lets through but `new Request()` or the router would choke on, so they answer a plain 4xx
 * instead of a 500 with a stack. Pure, so the rules are tested without a server.
 */
export type RequestLineRefusal = { status: 400 | 405; reason: 'method' | 'target' | 'host' | 'path' };

/**
 * Methods anything here answers. The Gorgias emulator speaks PUT and DELETE; Remix turns other
 * methods on a page into its own 405. TRACE and CONNECT are refused: fetch's Request forbids them.
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** host, IPv4 or bracketed IPv6, then an optional port: nothing that could carry a path or a user. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export function isValidHost(host: string): boolean {
  if (!HOST.test(host)) return false;
  try {
    return new URL(`http://${host}/`).pathname === '/';
  } catch {
    return false;
  }
}

export function checkRequestLine(request: { method: string; target: string; host: string | undefined; forwardedHost?: string | undefined }): RequestLineRefusal | null {
  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) return { status: 405, reason: 'method' };
  // Origin-form only: `*` (asterisk-form) and `http://x/` (absolute-form, meant for proxies) are refused.
  if (!request.target.startsWith('/')) return { status: 400, reason: 'target' };
  if (request.host === undefined || !isValidHost(request.host)) return { status: 400, reason: 'host' };
  if (request.forwardedHost !== undefined && !isValidHost(request.forwardedHost.split(',')[0]!.trim())) return { status: 400, reason: 'host' };
  const path = request.target.split('?', 1)[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, reason: 'path' };
  }
  return null;
}
