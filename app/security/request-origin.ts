/**
 * Whether a form post comes from one of the portal's own pages, by its `Origin` header or, when a
 * browser leaves that out, its `Referer` (the portal sends `Referrer-Policy: same-origin`, so its
 * own pages always pass one). `Origin: null` (sandboxed frames, data: URLs, some redirects) and a
 * post that names neither are refused: the check must hold without them.
 *
 * One exception: a page under `Referrer-Policy: no-referrer` (the agent pages, whose URL is a
 * secret) makes the browser send `Origin: null` on its own posts. Such a post passes when the
 * browser also says `Sec-Fetch-Site: same-origin`, a header no page can set or forge; a sandboxed
 * frame's opaque origin is `cross-site` there, so it is still refused.
 */
export function isOwnOriginPost(headers: { origin: string | null; referer: string | null; fetchSite?: string | null }, ownOrigins: readonly string[]): boolean {
  if (headers.origin === 'null') return headers.fetchSite === 'same-origin';
  const claimed = headers.origin ?? originOf(headers.referer);
  if (!claimed) return false;
  const normalised = originOf(claimed);
  return normalised !== null && ownOrigins.some((own) => originOf(own) === normalised);
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The origins the portal answers on: the request's own, the same host over https (a TLS proxy in
 * front that does not say so), and the configured public URL.
 */
export function ownOrigins(requestUrl: string, publicUrl: string | undefined): string[] {
  const url = new URL(requestUrl);
  return [url.origin, `https://${url.host}`, ...(publicUrl ? [new URL(publicUrl).origin] : [])];
}
