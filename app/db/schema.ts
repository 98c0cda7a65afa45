import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A shopper's verified access to one order, keyed by the token's hash, never the token. */
export const shopperSessions = pgTable('shopper_sessions', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  orderName: text('order_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/** Fixed-window counters for the lookup limiter; `key` arrives already hashed. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.key, table.windowStart] }),
    // The primary key leads with `key`, so cleanup by age needs its own index.
    index('rate_limit_counters_window_start_idx').on(table.windowStart),
  ]
);
