import { getTranslator } from '~/i18n.server';
import type { Services } from '~/services.server';
import { receiveWebhook, toWebhookResponse, type WebhookVendor } from './intake.server';

type WebhookServices = Pick<Services, 'webhooks' | 'queue' | 'clock'>;

/**
 * A label provider's POST, through the one intake. A provider this portal takes no webhooks from
 * (not configured) answers a translated 404 and records nothing, so its retries stop soon.
 */
export async function answerVendorWebhook(request: Request, services: WebhookServices, vendor: Exclude<WebhookVendor, 'shopify'>): Promise<Response> {
  const source = services.webhooks.sources[vendor];
  if (!source) {
    const t = await getTranslator(request, 'common');
    return Response.json({ error: 'not_configured', message: t('errors.webhookVendorOff', { vendor: VENDOR_NAMES[vendor] }) }, { status: 404 });
  }
  const { webhooks, queue, clock } = services;
  return toWebhookResponse(request, await receiveWebhook({ ...webhooks, queue, clock }, source, request));
}

const VENDOR_NAMES: Record<Exclude<WebhookVendor, 'shopify'>, string> = { loop: 'Loop Returns', aftership: 'AfterShip Returns' };
