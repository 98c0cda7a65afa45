import { z } from 'zod';
import { openPayload, sealPayload, type SealPurpose } from './sealed-token.server';

/**
 * Shopper links that agents, macros and the AI agent send: an expiring URL that opens the portal
 * already on one order, with the Gorgias ticket it came from. The token is opaque (see
 * sealed-token.server.ts): nobody who sees the URL (a mail server, a proxy log, the browser
 * history) can read the order number out of it, and nobody without the secret can make or alter
 * one. Sealed for its own purpose: an agent's case link never opens here, nor this one there.
 */
export type OrderLinkClaims = { orderId: string; orderName: string; ticketId: number | null; language: string | null; expiresAt: Date };

// The key and associated data links had before agent links shared this sealing: old links still open.
const PURPOSE: SealPurpose = { keyInfo: 'order-link/aes-256-gcm/v1', associatedData: 'comptoir:order-link:v1' };

const WireSchema = z.object({
  o: z.string().min(1).max(200),
  n: z.string().min(1).max(64),
  t: z.number().int().positive().nullable(),
  l: z.string().max(8).nullable(),
  e: z.number().int().positive(),
});

export function mintOrderLinkToken(claims: OrderLinkClaims, secret: string): string {
  const wire = { o: claims.orderId, n: claims.orderName, t: claims.ticketId, l: claims.language, e: Math.floor(claims.expiresAt.getTime() / 1000) };
  return sealPayload(PURPOSE, wire, secret);
}

/** The claims of a genuine, unexpired token; null for anything else, whatever went wrong. */
export function readOrderLinkToken(token: string, secret: string, now: Date): OrderLinkClaims | null {
  const json = openPayload(PURPOSE, token, secret);
  const wire = WireSchema.safeParse(json);
  if (!wire.success || wire.data.e * 1000 <= now.getTime()) return null;
  return { orderId: wire.data.o, orderName: wire.data.n, ticketId: wire.data.t, language: wire.data.l, expiresAt: new Date(wire.data.e * 1000) };
}
