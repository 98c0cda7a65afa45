import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
// 32 bytes in unpadded base64url.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh cookie token: 256 random bits, URL- and cookie-safe. */
export function createSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The database keeps only this hash, so a leaked table or backup cannot be replayed as cookies.
 * A plain sha256 is enough: the input has 256 bits of entropy, nothing to brute-force.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Lets stores answer a forged or truncated cookie without a database round trip. */
export function isWellFormedSessionToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
