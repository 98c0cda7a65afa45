import { toGorgiasTicketUrl } from '~/cases/customer-cases';
import type { Config } from '~/env.server';

/** Gorgias' own ticket page; in the sandbox, the emulator's agent view. Null without a helpdesk. */
export function ticketUrlFor(config: Config, portalUrl: string): (ticketId: number) => string | null {
  const gorgias = config.gorgias;
  if (!gorgias) return () => null;
  if (!config.sandbox) return (id) => toGorgiasTicketUrl(gorgias.baseUrl, id);
  const emulatorOrigin = gorgias.mounted ? portalUrl : new URL(gorgias.baseUrl).origin;
  return (id) => `${emulatorOrigin}/__sandbox/gorgias/tickets/${id}`;
}
