import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Opaque, authenticated tokens for links: a small JSON payload sealed with AES-256-GCM under a key
 * derived (HKDF) from the portal's secret. Each use names its own `purpose`, which picks both the
 * derived key and the associated data: a token sealed for one purpose (a shopper's order link)
 * fails authentication when opened for another (an agent's case link), and the other way round.
 *
 * Sealed rather than stored: any portal process opens a token with no database read, minting
 * writes nothing, and there is no table to sweep. A single token cannot be revoked before it
 * expires; changing COMPTOIR_SECRET revokes them all.
 */
export type SealPurpose = {
  /** HKDF `info`: one key per purpose. */
  keyInfo: string;
  /** GCM associated data: binds the ciphertext to the purpose even under the same key. */
  associatedData: string;
};

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Payloads fit in a few hundred bytes; a longer token is not one of ours, and is not decrypted.
const MAX_TOKEN_CHARS = 1024;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

const keys = new Map<string, Buffer>();
function keyFor(secret: string, purpose: SealPurpose): Buffer {
  const cacheKey = `${purpose.keyInfo}\0${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'comptoir', purpose.keyInfo, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

/** `version ‖ iv ‖ ciphertext ‖ tag`, base64url. A fresh IV each time: two seals of one payload differ. */
export function sealPayload(purpose: SealPurpose, payload: unknown, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose.associatedData));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The payload of a genuine token sealed for this purpose; null for anything else. Callers check its shape. */
export function openPayload(purpose: SealPurpose, token: string, secret: string): unknown {
  if (token.length > MAX_TOKEN_CHARS || !TOKEN_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const sealed = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose.associatedData));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8'));
  } catch {
    // A wrong tag (altered, truncated, another secret or purpose) throws in final(): nothing was trusted yet.
    return null;
  }
}
