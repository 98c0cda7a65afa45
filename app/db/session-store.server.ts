import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PendingSession, SessionStore, ShopperSession } from '~/session/ports';
import { isSessionActive, sessionScope, shouldTouchSession } from '~/session/session-rules';
import { createSessionToken, hashSessionToken, readSessionCredential, toSessionCredential } from '~/session/token.server';
import type { Database } from './client.server';
import { letRequestsLeave } from './let-requests-leave.server';
import { shopperSessions } from './schema';

/**
 * Shopper sessions in the `shopper_sessions` table, keyed by the token's sha256. Cookie values
 * carry the session's order sealed under `secret` (see toSessionCredential).
 */
export function createDbSessionStore(db: Database, options: { secret: string }): SessionStore {
  const { secret } = options;
  return {
    /** Inserts a row that names its order; the returned cookie value is the only copy of the credential. */
    async create({ orderId, orderName, ticketId }, now) {
      const token = createSessionToken();
      const session: ShopperSession = { id: hashSessionToken(token), orderId, orderName, ticketId: ticketId ?? null, createdAt: now, lastSeenAt: now };
      await db.insert(shopperSessions).values({ id: session.id, orderId, orderName, gorgiasTicketId: session.ticketId, createdAt: now, lastSeenAt: now });
      return { token: toSessionCredential(token, { orderId, orderName }, secret), session };
    },

    async open(now): Promise<PendingSession> {
      const token = createSessionToken();
      const id = hashSessionToken(token);
      await letRequestsLeave();
      await db.insert(shopperSessions).values({ id, orderId: null, orderName: null, createdAt: now, lastSeenAt: now });
      return {
        bind({ orderId, orderName, ticketId }) {
          const session: ShopperSession = { id, orderId, orderName, ticketId: ticketId ?? null, createdAt: now, lastSeenAt: now };
          const save = async () => {
            await db.update(shopperSessions).set({ orderId, orderName, gorgiasTicketId: session.ticketId }).where(and(eq(shopperSessions.id, id), isNull(shopperSessions.orderId)));
          };
          return { token: toSessionCredential(token, { orderId, orderName }, secret), session, save };
        },
        async discard() {
          await db.delete(shopperSessions).where(and(eq(shopperSessions.id, id), isNull(shopperSessions.orderId)));
        },
      };
    },

    /** Reads by hash, applies the expiry rules and the order, and touches `last_seen_at` when it is stale. */
    async get(credential, now) {
      const read = readSessionCredential(credential, secret);
      if (!read) return null;
      const id = hashSessionToken(read.token);
      const [row] = await db.select().from(shopperSessions).where(eq(shopperSessions.id, id));
      if (!row || !isSessionActive(row, now)) return null;
      const scope = sessionScope(row, read.claim);
      if (!scope) return null;
      const session: ShopperSession = { id: row.id, ...scope, ticketId: row.gorgiasTicketId, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt };
      if (!shouldTouchSession(row, now)) return session;
      // greatest(): parallel requests may finish out of order; last_seen_at must not move back.
      const seenAt = sql`${now.toISOString()}::timestamptz`;
      await db
        .update(shopperSessions)
        .set({ lastSeenAt: sql`greatest(${shopperSessions.lastSeenAt}, ${seenAt})` })
        .where(eq(shopperSessions.id, id));
      return { ...session, lastSeenAt: now };
    },

    /** Sets `revoked_at` once; later revocations keep the first timestamp. */
    async revoke(credential, now) {
      const read = readSessionCredential(credential, secret);
      if (!read) return;
      await db
        .update(shopperSessions)
        .set({ revokedAt: now })
        .where(and(eq(shopperSessions.id, hashSessionToken(read.token)), isNull(shopperSessions.revokedAt)));
    },
  };
}
