import type { SessionStore, ShopperSession } from './ports';
import { isSessionActive, sessionScope, shouldTouchSession } from './session-rules';
import { createSessionToken, hashSessionToken, readSessionCredential, toSessionCredential } from './token.server';

export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef';

type Row = Omit<ShopperSession, 'orderId' | 'orderName'> & { orderId: string | null; orderName: string | null; revokedAt: Date | null };

/** In-memory SessionStore for unit tests; checked against the same contract as the SQL store. */
export function createMemorySessionStore(secret = TEST_SESSION_SECRET): SessionStore & { rowCount(): number } {
  const rows = new Map<string, Row>();
  const insert = (token: string, now: Date, scope: { orderId: string; orderName: string; ticketId?: number | null } | null): Row => {
    const row: Row = { id: hashSessionToken(token), orderId: scope?.orderId ?? null, orderName: scope?.orderName ?? null, ticketId: scope?.ticketId ?? null, createdAt: now, lastSeenAt: now, revokedAt: null };
    rows.set(row.id, row);
    return row;
  };
  return {
    async create(scope, now) {
      const token = createSessionToken();
      const { revokedAt: _revokedAt, ...session } = insert(token, now, scope);
      return { token: toSessionCredential(token, scope, secret), session: session as ShopperSession };
    },
    async open(now) {
      const token = createSessionToken();
      const row = insert(token, now, null);
      return {
        bind(scope) {
          const session: ShopperSession = { id: row.id, orderId: scope.orderId, orderName: scope.orderName, ticketId: scope.ticketId ?? null, createdAt: now, lastSeenAt: now };
          const save = async () => {
            if (row.orderId === null) Object.assign(row, { orderId: scope.orderId, orderName: scope.orderName, ticketId: session.ticketId });
          };
          return { token: toSessionCredential(token, scope, secret), session, save };
        },
        async discard() {
          if (row.orderId === null) rows.delete(row.id);
        },
      };
    },
    async get(credential, now) {
      const read = readSessionCredential(credential, secret);
      const row = read ? rows.get(hashSessionToken(read.token)) : undefined;
      if (!read || !row || !isSessionActive(row, now)) return null;
      const scope = sessionScope(row, read.claim);
      if (!scope) return null;
      if (shouldTouchSession(row, now)) row.lastSeenAt = now;
      return { id: row.id, ...scope, ticketId: row.ticketId, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt };
    },
    async revoke(credential, now) {
      const read = readSessionCredential(credential, secret);
      const row = read ? rows.get(hashSessionToken(read.token)) : undefined;
      if (row && !row.revokedAt) row.revokedAt = now;
    },
    rowCount: () => rows.size,
  };
}
