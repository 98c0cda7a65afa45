import type { Express } from 'express';
import type { ShopifyAuth } from '~/integrations/shopify/env.server';
import type { Queue } from '~/jobs/queue.server';
import { CHAT_WIDGET_PATH, chatWidgetOrigins, serveChatWidgetPage } from './chat-widget-page.server';
import { toNodeHandler } from './node-http.server';

/**
 * Sandbox mode with no emulator URLs configured: the Shopify and Gorgias emulators answer on the
 * portal's own port, over real HTTP like any upstream. Shopify keeps its real paths
 * (`/admin/api/…`, and `/admin/oauth/access_token` for tokens); Gorgias' `/api/…` lives under `/__sandbox/gorgias-api` so it never meets the
 * portal's own `/api` routes. The mock chat widget page (`/__sandbox/chat-widget`) is always
 * there; `/__sandbox/jobs` shows the job queues and re-drives parked jobs (`jobs` is called per
 * request, since the queue starts after the emulators are mounted); `/__sandbox/mailbox` shows the
 * emails sent to the loopback mailbox the services start without SMTP_URL. Returns the base URLs the
 * adapters should call and the origins that may frame the portal.
 */
export async function mountSandboxEmulators(
  app: Express,
  options: {
    ownOrigin: string; shopifyAuth: ShopifyAuth; mountShopify: boolean; mountGorgias: boolean; jobs: () => Pick<Queue, 'boss' | 'settings'>;
    /** AfterShip's emulator, with the key it takes and the secret it signs webhooks to `/webhooks/aftership` with. */
    aftership?: { apiKey: string; webhookSecret: string } | null;
    /** What the Shopify emulator signs its webhooks with, and the shop it says they come from. */
    shopifySecret?: string; shopDomain?: string;
    /** The Loop emulator's key and webhook secret, when Loop is configured without LOOP_API_URL. */
    mountLoop?: { apiKey: string; webhookSecret: string } | null;
  },
): Promise<{ shopifyUrl: string | null; gorgiasUrl: string | null; aftershipUrl: string | null; loopUrl: string | null; frameOrigins: string[] }> {
  const { createJobsPage } = await import('./jobs-page.server');
  const jobsPage = toNodeHandler(createJobsPage(options.jobs));
  // Before the Shopify emulator, which answers every other `/__sandbox` path.
  app.get(CHAT_WIDGET_PATH, toNodeHandler(async (request) => serveChatWidgetPage(request)));
  app.use('/__sandbox/jobs', (req, res) => {
    req.url = req.originalUrl;
    jobsPage(req, res);
  });
  const { createMailboxPage, MAILBOX_PATH } = await import('./mailbox/mailbox-page.server');
  const { currentSandboxMailbox } = await import('./mailbox/sandbox-mailbox.server');
  const mailboxPage = toNodeHandler(createMailboxPage(currentSandboxMailbox));
  app.use([`${MAILBOX_PATH}.json`, MAILBOX_PATH], (req, res) => {
    req.url = req.originalUrl;
    mailboxPage(req, res);
  });
  if (options.mountGorgias) {
    const { createGorgiasEmulator } = await import('./gorgias/emulator.server');
    const gorgias = toNodeHandler(createGorgiasEmulator().handle);
    // Express strips the mount path: the emulator sees `/api/tickets` as Gorgias would.
    app.use('/__sandbox/gorgias-api', (req, res) => gorgias(req, res));
    app.use('/__sandbox/gorgias', (req, res) => {
      req.url = req.originalUrl;
      gorgias(req, res);
    });
  }
  if (options.aftership) {
    const { createAftershipEmulator } = await import('./aftership/emulator.server');
    const aftership = toNodeHandler(createAftershipEmulator({ ...options.aftership, webhookUrl: `${options.ownOrigin}/webhooks/aftership` }).handle);
    // The API keeps its real paths (`/returns/2026-07/…`) below the mount; the controls their full path.
    app.use('/__sandbox/aftership-api', (req, res) => aftership(req, res));
    app.use('/__sandbox/aftership', (req, res) => {
      req.url = req.originalUrl;
      aftership(req, res);
    });
  }
  if (options.mountLoop) {
    const { mountLoopEmulator } = await import('./loop/mount.server');
    mountLoopEmulator(app, { ...options.mountLoop, ownOrigin: options.ownOrigin });
  }
  if (options.mountShopify) {
    const { createShopifyEmulator, toEmulatorCredentials } = await import('./shopify/emulator.server');
    // The emulator's shop has the portal's app installed: it grants tokens to the configured client.
    const shopify = toNodeHandler(createShopifyEmulator({
      ...toEmulatorCredentials(options.shopifyAuth),
      ...(options.shopifySecret ? { webhookSecret: options.shopifySecret } : {}),
      ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
    }).handle);
    app.use(['/admin/api', '/admin/oauth', '/__sandbox'], (req, res) => {
      req.url = req.originalUrl;
      shopify(req, res);
    });
  }
  return {
    shopifyUrl: options.mountShopify ? options.ownOrigin : null,
    gorgiasUrl: options.mountGorgias ? `${options.ownOrigin}/__sandbox/gorgias-api` : null,
    aftershipUrl: options.aftership ? `${options.ownOrigin}/__sandbox/aftership-api/returns/2026-07` : null,
    loopUrl: options.mountLoop ? `${options.ownOrigin}/__sandbox/loop-api` : null,
    frameOrigins: chatWidgetOrigins(new URL(options.ownOrigin).port),
  };
}
