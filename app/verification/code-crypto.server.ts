import crypto from 'node:crypto';
import { CODE_DIGITS, type CodeBinding } from './code-rules';

/*
 * `crypto.` rather than named imports: the unit test checks that the comparison is the
 * constant-time one by watching node's own function.
 */

/** Six random digits, leading zeros kept, from the operating system's generator. */
export function generateCode(): string {
  return crypto.randomInt(0, 10 ** CODE_DIGITS).toString().padStart(CODE_DIGITS, '0');
}

/**
 * The code as kept at rest: an HMAC keyed with the server secret, over the binding too. A million
 * codes are tried in no time against a plain hash; without the key, a stolen row tells nothing,
 * and a row copied to another binding never matches there.
 */
export function hashCode(secret: string, binding: CodeBinding, code: string): string {
  if (!secret) throw new Error('hashCode needs a non-empty secret');
  const message = ['comptoir.one-time-code.v1', binding.purpose, binding.sessionId, binding.orderId, code].join('\0');
  return crypto.createHmac('sha256', secret).update(message).digest('hex');
}

/** Whether `typed` is the code behind `codeHash`, in time that does not depend on where they differ. */
export function codeMatches(secret: string, binding: CodeBinding, typed: string, codeHash: string): boolean {
  const expected = Buffer.from(codeHash, 'hex');
  const actual = Buffer.from(hashCode(secret, binding, typed), 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
