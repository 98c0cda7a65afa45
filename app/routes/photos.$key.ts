import type { LoaderFunctionArgs } from '@remix-run/node';
import { kindOf } from '~/cases/kinds';
import type { StoredPhoto } from '~/photos/photo-store';
import { verifyPhotoUrl } from '~/photos/signed-url.server';
import { readSessionToken } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';

/**
 * A shopper's photo, served only to an agent holding a signed, unexpired link, to the session of
 * the order whose case holds it, or (still pending) to the session whose return draft holds it.
 * Anyone else gets the same 404 as for a photo that never was.
 */
export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const key = params.key ?? '';
  const now = services.clock();
  const url = new URL(request.url);
  const signed = url.searchParams.has('sig') ? verifyPhotoUrl({ key, searchParams: url.searchParams }, services.config.secret, now) : { ok: false as const };
  let allowed = signed.ok;
  let pending = false;
  if (!allowed) {
    const token = await readSessionToken(request, !services.config.sandbox);
    const session = token ? await services.sessions.get(token, now) : null;
    const cases = session ? await services.cases.listCasesForOrder(session.orderId) : [];
    allowed = cases.some((found) => kindOf(found).photos(found).some((photo) => photo.key === key));
    if (!allowed && session) {
      const draft = await services.returnDrafts.get(session.id, session.orderId);
      pending = allowed = draft !== null && draft.submittedCaseId === null && Object.values(draft.lines).some((line) => line.photoKeys.includes(key));
      if (pending) {
        const photo = await services.photos.pending(services.hashId(`photo-owner|${session.id}`)).get(key);
        if (photo) return photoResponse(photo);
      }
    }
  }
  const photo = allowed && !pending ? await services.photos.get(key) : null;
  if (!photo) throw notFound();
  return photoResponse(photo);
}

const photoResponse = (photo: StoredPhoto) =>
  new Response(Buffer.from(photo.bytes), {
    headers: { 'Content-Type': photo.contentType, 'Cache-Control': 'private, no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' },
  });
