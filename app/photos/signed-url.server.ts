import { createHmac, timingSafeEqual } from 'node:crypto';
import { isWellFormedPhotoKey } from './photo-key.server';

/** What a photo link grants: one photo of one case, until a moment. */
export type PhotoUrlClaims = { caseId: string; key: string; expiresAt: Date };

/** The parts of a photo request, as a Remix loader has them (`params.key`, `url.searchParams`). */
export type PhotoUrlParts = { key: string | undefined; searchParams: URLSearchParams };

export type PhotoUrlCheck = { ok: true; caseId: string; key: string } | { ok: false };

// Names the purpose inside the MAC, so a signature made with the same secret elsewhere
// (session hashes, other links) can never pass for a photo link.
const PURPOSE = 'comptoir.photo-url.v1';
const PHOTO_PATH = /^\/photos\/([^/]+)$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRY = /^\d{1,12}$/;
const MAX_CASE_ID_LENGTH = 200;

/**
 * A relative link to one photo, for the case's shopper session or an agent:
 * `/photos/<key>?case=…&exp=<unix seconds>&sig=<HMAC-SHA256, base64url>`.
 * The case id is an internal id, never personal data.
 */
export function signPhotoUrl(claims: PhotoUrlClaims, secret: string): string {
  const exp = String(Math.floor(claims.expiresAt.getTime() / 1000));
  const query = new URLSearchParams({ case: claims.caseId, exp, sig: sign(claims.caseId, claims.key, exp, secret) });
  return `/photos/${claims.key}?${query}`;
}

/**
 * Checks a photo link: well-formed, signed with our secret for this case and key (compared in
 * constant time), and not expired at `now`. Any failure is the same `{ ok: false }`, so the route
 * answers the same way whatever was wrong.
 */
export function verifyPhotoUrl(input: string | URL | PhotoUrlParts, secret: string, now: Date): PhotoUrlCheck {
  const { key, searchParams } = toParts(input);
  const caseId = searchParams.get('case');
  const exp = searchParams.get('exp');
  const sig = searchParams.get('sig');
  if (!key || !isWellFormedPhotoKey(key) || !caseId || caseId.length > MAX_CASE_ID_LENGTH) return { ok: false };
  if (!exp || !EXPIRY.test(exp) || !sig || !SIGNATURE.test(sig)) return { ok: false };
  // Compared as text: both are 43 characters, and only the canonical encoding passes.
  const expected = Buffer.from(sign(caseId, key, exp, secret));
  if (!timingSafeEqual(Buffer.from(sig), expected)) return { ok: false };
  if (now.getTime() >= Number(exp) * 1000) return { ok: false };
  return { ok: true, caseId, key };
}

function sign(caseId: string, key: string, exp: string, secret: string): string {
  if (!secret) throw new Error('photo links need a non-empty secret');
  // The key and the expiry cannot contain "|", so the message reads back one way only.
  return createHmac('sha256', secret).update(`${PURPOSE}|${caseId}|${key}|${exp}`).digest('base64url');
}

function toParts(input: string | URL | PhotoUrlParts): PhotoUrlParts {
  if (typeof input !== 'string' && !(input instanceof URL)) return input;
  // Links are minted relative; the base only lets URL parse them.
  const url = new URL(input, 'http://photos.invalid');
  const match = PHOTO_PATH.exec(url.pathname);
  return { key: match?.[1], searchParams: url.searchParams };
}
