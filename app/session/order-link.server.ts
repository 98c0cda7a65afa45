import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Links minted for agents, macros and the AI agent: a signed, expiring URL that opens the portal
 * already on one order, with the Gorgias ticket it came from. The claims are readable (base64url
 * JSON) but cannot be changed without the portal's secret.
 */
export type OrderLinkClaims = { orderId: string; orderName: string; ticketId: number | null; language: string | null; expiresAt: Date };

const WireSchema = z.object({
  o: z.string().min(1).max(200),
  n: z.string().min(1).max(64),
  t: z.number().int().positive().nullable(),
  l: z.string().max(8).nullable(),
  e: z.number().int().positive(),
});

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(`order-link|${payload}`).digest('base64url');

export function mintOrderLinkToken(claims: OrderLinkClaims, secret: string): string {
  const wire = { o: claims.orderId, n: claims.orderName, t: claims.ticketId, l: claims.language, e: Math.floor(claims.expiresAt.getTime() / 1000) };
  const payload = Buffer.from(JSON.stringify(wire)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a genuine, unexpired token; null for anything else, whatever went wrong. */
export function readOrderLinkToken(token: string, secret: string, now: Date): OrderLinkClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 2048) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const wire = WireSchema.safeParse(json);
  if (!wire.success || wire.data.e * 1000 <= now.getTime()) return null;
  return { orderId: wire.data.o, orderName: wire.data.n, ticketId: wire.data.t, language: wire.data.l, expiresAt: new Date(wire.data.e * 1000) };
}
