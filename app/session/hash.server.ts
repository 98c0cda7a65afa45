import { createHmac } from 'node:crypto';

const HASH_LENGTH = 32;

/**
 * Keyed hash for identifiers we must compare but never keep in clear (order numbers and client
 * addresses in rate-limit keys, shopper references in logs). Keyed, because order numbers are
 * sequential and IPv4 is small: an unkeyed hash would be reversed by trying every value.
 * 128 bits of the HMAC are plenty to keep collisions out of reach.
 */
export function hashIdentifier(secret: string, value: string): string {
  if (!secret) throw new Error('hashIdentifier needs a non-empty secret');
  return createHmac('sha256', secret).update(value).digest('hex').slice(0, HASH_LENGTH);
}
