import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getTranslator } from '~/i18n.server';
import { receiveShopifyWebhook } from '~/webhooks/intake.server';

/*
 * POST /webhooks/shopify — every Shopify topic the portal subscribes to. Verified by HMAC over the
 * raw body, recorded once per event, applied by a job; see app/webhooks/intake.server.ts.
 */
export async function action({ request, context: { services } }: ActionFunctionArgs) {
  const { webhooks, queue, config, clock } = services;
  const outcome = await receiveShopifyWebhook(
    { ...webhooks, queue, shopDomain: config.shopify.shopDomain, clock },
    request,
  );
  if (outcome === 'unsigned' || outcome === 'too_large') {
    const t = await getTranslator(request, 'common');
    const status = outcome === 'unsigned' ? 401 : 413;
    return Response.json({ error: outcome, message: t(outcome === 'unsigned' ? 'errors.webhookUnsigned' : 'errors.webhookTooLarge') }, { status });
  }
  return Response.json({ status: outcome });
}

// Resource routes answer with plain Responses: under single fetch a `data()` status would be lost.
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'common');
  return Response.json({ error: 'method_not_allowed', message: t('errors.methodNotAllowed') }, { status: 405, headers: { Allow: 'POST' } });
}
