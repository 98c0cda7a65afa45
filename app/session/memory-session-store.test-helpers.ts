import type { SessionStore, ShopperSession } from './ports';
import { isSessionActive, shouldTouchSession } from './session-rules';
import { createSessionToken, hashSessionToken } from './token.server';

/** In-memory SessionStore for unit tests; checked against the same contract as the SQL store. */
export function createMemorySessionStore(): SessionStore {
  const rows = new Map<string, ShopperSession & { revokedAt: Date | null }>();
  return {
    async create({ orderId, orderName, ticketId }, now) {
      const token = createSessionToken();
      const session = {
        id: hashSessionToken(token),
        orderId,
        orderName,
        ticketId: ticketId ?? null,
        createdAt: now,
        lastSeenAt: now,
      };
      rows.set(session.id, { ...session, revokedAt: null });
      return { token, session };
    },
    async get(token, now) {
      const row = rows.get(hashSessionToken(token));
      if (!row || !isSessionActive(row, now)) return null;
      if (shouldTouchSession(row, now)) row.lastSeenAt = now;
      const { revokedAt: _revokedAt, ...session } = row;
      return session;
    },
    async revoke(token, now) {
      const row = rows.get(hashSessionToken(token));
      if (row && !row.revokedAt) row.revokedAt = now;
    },
  };
}
