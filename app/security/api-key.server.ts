import { timingSafeEqual } from 'node:crypto';

/** `Authorization: Bearer <COMPTOIR_API_KEY>`, compared in constant time; never with no key set. */
export function isAuthorisedApiCall(request: Request, apiKey: string | null): boolean {
  const given = Buffer.from(request.headers.get('Authorization')?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(apiKey ?? '');
  return apiKey !== null && given.length === expected.length && timingSafeEqual(given, expected);
}
