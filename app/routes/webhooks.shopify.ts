import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getTranslator } from '~/i18n.server';
import { receiveWebhook, toWebhookResponse } from '~/webhooks/intake.server';

/*
 * POST /webhooks/shopify — every Shopify topic the portal subscribes to, through the one webhook
 * intake (app/webhooks/intake.server.ts): verified by HMAC over the raw body, recorded once per
 * event, applied by a job. Another vendor is another file like this one, naming its source.
 */
export async function action({ request, context: { services } }: ActionFunctionArgs) {
  const { webhooks, queue, clock } = services;
  const outcome = await receiveWebhook({ ...webhooks, queue, clock }, webhooks.sources.shopify, request);
  return toWebhookResponse(request, outcome);
}

// Resource routes answer with plain Responses: under single fetch a `data()` status would be lost.
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'common');
  return Response.json({ error: 'method_not_allowed', message: t('errors.methodNotAllowed') }, { status: 405, headers: { Allow: 'POST' } });
}
