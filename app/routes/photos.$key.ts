import type { LoaderFunctionArgs } from '@remix-run/node';
import { verifyPhotoUrl } from '~/photos/signed-url.server';
import { readSessionToken } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';

/**
 * A shopper's photo, served only to an agent holding a signed, unexpired link, or to the session
 * of the order whose case holds it. Anyone else gets the same 404 as for a photo that never was.
 */
export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const key = params.key ?? '';
  const now = services.clock();
  const url = new URL(request.url);
  const signed = url.searchParams.has('sig') ? verifyPhotoUrl({ key, searchParams: url.searchParams }, services.config.secret, now) : { ok: false as const };
  let allowed = signed.ok;
  if (!allowed) {
    const token = await readSessionToken(request, !services.config.sandbox);
    const session = token ? await services.sessions.get(token, now) : null;
    const cases = session ? await services.cases.listCasesForOrder(session.orderId) : [];
    allowed = cases.some((found) => found.lines.some((line) => line.photoIds.includes(key)));
  }
  const photo = allowed ? await services.photos.get(key) : null;
  if (!photo) throw notFound();
  return new Response(Buffer.from(photo.bytes), {
    headers: { 'Content-Type': photo.contentType, 'Cache-Control': 'private, no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' },
  });
}
