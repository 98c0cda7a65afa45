import type { LoaderFunctionArgs } from '@remix-run/node';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import { IssuedLabelDataSchema } from '~/labels/parcel-events';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';

/**
 * GET /cases/:caseId/label-qr — the drop-off QR code of the case's label, for the session of the
 * case's order only (anyone else gets the 404 of a case that does not exist). The portal fetches
 * it from the provider (app/labels/label-image.server.ts), so the page needs no third-party image.
 */
export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const now = services.clock();
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now });
  const id = params.caseId ?? '';
  const found = CASE_ID_PATTERN.test(id) ? await services.cases.getCase(id) : null;
  if (!found || found.orderId !== session.orderId) throw notFound();
  const issued = (await services.cases.listEvents(found.id)).findLast((event) => event.type === 'label_issued');
  const label = issued ? IssuedLabelDataSchema.safeParse(issued.data) : null;
  const image = label?.success && label.data.qrCodeUrl ? await services.labelImages.get(label.data.qrCodeUrl) : null;
  if (!image) throw notFound();
  return new Response(Buffer.from(image.bytes), {
    headers: { 'Content-Type': image.contentType, 'Cache-Control': 'private, max-age=3600', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' },
  });
}
