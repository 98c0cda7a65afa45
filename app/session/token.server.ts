import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openPayload, sealPayload, type SealPurpose } from './sealed-token.server';

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

/** The order a session is for, as the cookie carries it. */
export type SessionClaim = { orderId: string; orderName: string };

/*
 * The cookie's value: the random token, a dot, and the order it opens sealed to that token under
 * the portal's secret. A lookup writes its session row while Shopify is still being asked, before
 * anyone knows which order it will open; the sealed claim is what binds the two, so the answer
 * needs no second write before the shopper is let in (the row learns its order afterwards). The
 * claim names the token's hash: one session's claim is worthless next to another's token.
 */
const CLAIM_PURPOSE: SealPurpose = { keyInfo: 'comptoir session claim v1', associatedData: 'session-claim' };
const ClaimSchema = z.object({ h: z.string(), o: z.string().min(1).max(200), n: z.string().min(1).max(200) });
const claimedHash = (token: string) => hashSessionToken(token).slice(0, 32);

export function toSessionCredential(token: string, claim: SessionClaim, secret: string): string {
  return `${token}.${sealPayload(CLAIM_PURPOSE, { h: claimedHash(token), o: claim.orderId, n: claim.orderName }, secret)}`;
}

/**
 * The token and, when its seal holds, the claim of a cookie value. A bare token (a cookie set
 * before claims existed) has no claim: only a row that names its order can open a session then.
 */
export function readSessionCredential(credential: string, secret: string): { token: string; claim: SessionClaim | null } | null {
  const dot = credential.indexOf('.');
  const token = dot === -1 ? credential : credential.slice(0, dot);
  if (!isWellFormedSessionToken(token)) return null;
  if (dot === -1) return { token, claim: null };
  const parsed = ClaimSchema.safeParse(openPayload(CLAIM_PURPOSE, credential.slice(dot + 1), secret));
  if (!parsed.success || parsed.data.h !== claimedHash(token)) return null;
  return { token, claim: { orderId: parsed.data.o, orderName: parsed.data.n } };
}
