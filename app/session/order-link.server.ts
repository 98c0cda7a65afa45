import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Links minted for agents, macros and the AI agent: an expiring URL that opens the portal already
 * on one order, with the Gorgias ticket it came from. The token is opaque: its claims are sealed
 * with AES-256-GCM under a key derived from the portal's secret, so nobody who sees the URL (a
 * mail server, a proxy log, the browser history) can read the order number out of it, and nobody
 * without the secret can make or alter one.
 *
 * Sealed rather than stored: any portal process can open a link with no database read, minting
 * writes nothing, and there is no table of links to sweep. The price is that a single link cannot
 * be revoked before it expires (changing COMPTOIR_SECRET revokes them all), as with signed links.
 */
export type OrderLinkClaims = { orderId: string; orderName: string; ticketId: number | null; language: string | null; expiresAt: Date };

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Claims fit in a few hundred bytes; a longer token is not one of ours, and is not decrypted.
const MAX_TOKEN_CHARS = 1024;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;
// Binds the ciphertext to its use: the same key material sealing something else would not open here.
const ASSOCIATED_DATA = Buffer.from('comptoir:order-link:v1');

const WireSchema = z.object({
  o: z.string().min(1).max(200),
  n: z.string().min(1).max(64),
  t: z.number().int().positive().nullable(),
  l: z.string().max(8).nullable(),
  e: z.number().int().positive(),
});

/** One key per secret, derived once: HKDF keeps it apart from the HMAC keys the same secret feeds. */
const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'comptoir', 'order-link/aes-256-gcm/v1', 32));
    keys.set(secret, key);
  }
  return key;
}

export function mintOrderLinkToken(claims: OrderLinkClaims, secret: string): string {
  const wire = { o: claims.orderId, n: claims.orderName, t: claims.ticketId, l: claims.language, e: Math.floor(claims.expiresAt.getTime() / 1000) };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ASSOCIATED_DATA);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(wire), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The claims of a genuine, unexpired token; null for anything else, whatever went wrong. */
export function readOrderLinkToken(token: string, secret: string, now: Date): OrderLinkClaims | null {
  if (token.length > MAX_TOKEN_CHARS || !TOKEN_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const sealed = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  let json: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(ASSOCIATED_DATA);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    json = JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8'));
  } catch {
    // A wrong tag (altered, truncated, another secret) throws in final(): nothing was trusted yet.
    return null;
  }
  const wire = WireSchema.safeParse(json);
  if (!wire.success || wire.data.e * 1000 <= now.getTime()) return null;
  return { orderId: wire.data.o, orderName: wire.data.n, ticketId: wire.data.t, language: wire.data.l, expiresAt: new Date(wire.data.e * 1000) };
}
