import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readSessionToken } from '~/session/shopper-cookie.server';
import { cookieAttributes, createOriginCookie } from './cookie-attributes.server';

/**
 * What a form token is bound to: a random value kept in this browser's own cookie and, once the
 * shopper has looked an order up, the session cookie. A page elsewhere can neither read them nor
 * compute the token without the server's secret, so it cannot forge a post (signed double submit).
 */
export type FormTokenBinding = { browser: string; session: string | null };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function mintFormToken(secret: string, binding: FormTokenBinding): string {
  // The label keeps this HMAC apart from every other use of the same secret.
  return createHmac('sha256', secret).update(`comptoir-form-token\0${binding.browser}\0${binding.session ?? ''}`).digest('base64url');
}

/** Constant-time; false without a browser cookie, whatever was posted. */
export function isValidFormToken(secret: string, posted: unknown, binding: FormTokenBinding | null): boolean {
  if (!binding || binding.browser.length === 0 || typeof posted !== 'string' || !TOKEN_PATTERN.test(posted)) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(mintFormToken(secret, binding)));
}

const MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const cookieFor = createOriginCookie('comptoir_csrf', MAX_AGE_SECONDS);

async function readBinding(request: Request, live: boolean): Promise<FormTokenBinding | null> {
  const browser: unknown = await cookieFor(request, live).parse(request.headers.get('Cookie'));
  if (typeof browser !== 'string' || browser.length === 0) return null;
  return { browser, session: await readSessionToken(request, live) };
}

/** The token a page puts in its forms, and the cookie to set when this browser has none yet. */
export async function prepareFormToken(request: Request, config: { secret: string; live: boolean }) {
  const existing = await readBinding(request, config.live);
  if (existing) return { token: mintFormToken(config.secret, existing), setCookie: null };
  const browser = randomBytes(32).toString('base64url');
  const session = await readSessionToken(request, config.live);
  return {
    token: mintFormToken(config.secret, { browser, session }),
    setCookie: await cookieFor(request, config.live).serialize(browser, cookieAttributes(request, config.live)),
  };
}

export async function hasValidFormToken(request: Request, posted: unknown, config: { secret: string; live: boolean }): Promise<boolean> {
  return isValidFormToken(config.secret, posted, await readBinding(request, config.live));
}
