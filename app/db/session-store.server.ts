import { and, eq, isNull, sql } from 'drizzle-orm';
import type { SessionStore, ShopperSession } from '~/session/ports';
import { isSessionActive, shouldTouchSession } from '~/session/session-rules';
import {
  createSessionToken,
  hashSessionToken,
  isWellFormedSessionToken,
} from '~/session/token.server';
import type { Database } from './client.server';
import { shopperSessions } from './schema';

/** Shopper sessions in the `shopper_sessions` table, keyed by the token's sha256. */
export function createDbSessionStore(db: Database): SessionStore {
  return {
    /** Inserts a new row; the returned token is the only copy of the credential. */
    async create({ orderId, orderName, ticketId }, now) {
      const token = createSessionToken();
      const session: ShopperSession = {
        id: hashSessionToken(token),
        orderId,
        orderName,
        ticketId: ticketId ?? null,
        createdAt: now,
        lastSeenAt: now,
      };
      const { ticketId: gorgiasTicketId, ...row } = session;
      await db.insert(shopperSessions).values({ ...row, gorgiasTicketId });
      return { token, session };
    },

    /** Reads by hash, applies the expiry rules, and touches `last_seen_at` when it is stale. */
    async get(token, now) {
      if (!isWellFormedSessionToken(token)) return null;
      const id = hashSessionToken(token);
      const [row] = await db.select().from(shopperSessions).where(eq(shopperSessions.id, id));
      if (!row || !isSessionActive(row, now)) return null;
      const session: ShopperSession = {
        id: row.id,
        orderId: row.orderId,
        orderName: row.orderName,
        ticketId: row.gorgiasTicketId,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
      };
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
    async revoke(token, now) {
      if (!isWellFormedSessionToken(token)) return;
      await db
        .update(shopperSessions)
        .set({ revokedAt: now })
        .where(
          and(eq(shopperSessions.id, hashSessionToken(token)), isNull(shopperSessions.revokedAt))
        );
    },
  };
}
