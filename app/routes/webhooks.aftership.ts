import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getTranslator } from '~/i18n.server';
import { answerVendorWebhook } from '~/webhooks/vendor-route.server';

/*
 * POST /webhooks/aftership — AfterShip Returns's news of a return (label ready, parcel scanned, received,
 * refunded…), through the one webhook intake: verified over the raw body, recorded once per
 * event, applied by the `labels.apply-webhook` job. 404 when AfterShip Returns is not configured.
 */
export async function action({ request, context: { services } }: ActionFunctionArgs) {
  return answerVendorWebhook(request, services, 'aftership');
}

// Resource routes answer with plain Responses: under single fetch a `data()` status would be lost.
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'common');
  return Response.json({ error: 'method_not_allowed', message: t('errors.methodNotAllowed') }, { status: 405, headers: { Allow: 'POST' } });
}
