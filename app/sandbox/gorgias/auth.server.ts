import type { User } from './store.server';

export type Account = { email: string; apiKey: string };

/**
 * HTTP Basic `base64(email:apikey)`, as Gorgias private apps authenticate. Returns the account's
 * user and a key for its rate-limit bucket, or null (→ 401).
 */
export function authenticate(request: Request, accounts: Account[], users: User[]): { user: User; credential: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const email = decoded.slice(0, colon).toLowerCase();
  const apiKey = decoded.slice(colon + 1);
  const index = accounts.findIndex((a) => a.email.toLowerCase() === email && a.apiKey === apiKey);
  const user = users[index];
  return user ? { user, credential: `${email}:${apiKey}` } : null;
}
