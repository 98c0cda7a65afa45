import { sql } from 'drizzle-orm';
import { bigint, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A shopper's verified access to one order, keyed by the token's hash, never the token. */
export const shopperSessions = pgTable('shopper_sessions', {
  id: text('id').primaryKey(),
  /** Null while a lookup's row waits for Shopify's answer; the cookie's sealed claim names the order until then. */
  orderId: text('order_id'),
  orderName: text('order_name'),
  /** The Gorgias ticket of the agent's link that opened the session, if one did. */
  gorgiasTicketId: bigint('gorgias_ticket_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/**
 * Lookup limits, one row per key (already hashed): the slots taken in the key's current window,
 * the lock the last slot set, and when the row is of no more use. `last_taker` is the random id of
 * the call that last took a slot: it lets that one statement tell its caller whether it did.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastTaker: text('last_taker').notNull(),
  },
  (table) => [index('rate_limits_expires_at_idx').on(table.expiresAt)]
);

/*
 * Cases: one row per shopper request, of any kind. JSON columns are typed by the zod schemas in
 * `~/cases/case-store` and, for `details`, by the kind's own (`~/cases/kinds`); the repository parses them on every read and write, so a row written by
 * an older release fails loudly instead of flowing on half-shaped.
 */
export const cases = pgTable(
  'cases',
  {
    /** `C-` and 8 Crockford base32 characters: readable aloud, and Gorgias' `external_id`. */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    orderId: text('order_id').notNull(),
    orderName: text('order_name').notNull(),
    customerEmailHash: text('customer_email_hash').notNull(),
    language: text('language').notNull(),
    state: text('state').notNull(),
    /** What the case's kind keeps beyond the shared columns, typed by `KINDS[kind].details`. */
    details: jsonb('details').notNull(),
    policyVersion: text('policy_version').notNull(),
    providerRefs: jsonb('provider_refs').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('cases_order_id_idx').on(table.orderId),
    // Serves "returns by this customer since …" for the auto-approval limits.
    index('cases_customer_kind_created_idx').on(table.customerEmailHash, table.kind, table.createdAt),
  ]
);

/** Append-only log of what happened to a case; the identity column gives insertion order. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').notNull(),
  },
  (table) => [index('case_events_case_id_idx').on(table.caseId, table.id)]
);

/** Keys sent by the return form: a replayed submission finds the case it already opened. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  caseId: text('case_id')
    .notNull()
    .references(() => cases.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Photos a shopper attached; the bytes live in object storage under `storage_key`. */
export const casePhotos = pgTable(
  'case_photos',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    storageKey: text('storage_key').notNull().unique(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('case_photos_case_id_idx').on(table.caseId)]
);

/**
 * Webhook deliveries seen, keyed by the vendor's event id: a replayed delivery finds its row and
 * queues nothing. `event` is what the portal kept of the payload (ids and decided facts, no
 * personal data), typed by `ShopifyEventSchema`.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** `<vendor>:<event id>`, so vendors never collide. */
    id: text('id').primaryKey(),
    vendor: text('vendor').notNull(),
    topic: text('topic').notNull(),
    /** The vendor's id of this delivery attempt (Shopify `X-Shopify-Webhook-Id`), for support. */
    webhookId: text('webhook_id').notNull(),
    /** When the vendor says the event happened; null when it does not say. */
    triggeredAt: timestamp('triggered_at', { withTimezone: true, mode: 'date' }),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    event: jsonb('event').notNull(),
    /**
     * The return a label provider's delivery is about, `<provider>:<provider return id>`; null for
     * Shopify's. A delivery no case claims yet is found again by it once a case does.
     */
    subject: text('subject'),
  },
  (table) => [
    index('webhook_deliveries_received_at_idx').on(table.receivedAt),
    index('webhook_deliveries_subject_idx').on(table.subject),
  ]
);

/**
 * The return a shopper session is writing (`ReturnDraftSchema`), between the steps of the form:
 * kept here rather than in hidden fields, so it survives Back, refresh and another portal process.
 */
export const returnDrafts = pgTable(
  'return_drafts',
  {
    /** The shopper session's id (the hash of its token), as in `shopper_sessions`. */
    sessionId: text('session_id').primaryKey(),
    orderId: text('order_id').notNull(),
    draft: jsonb('draft').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('return_drafts_updated_at_idx').on(table.updatedAt)]
);

/**
 * One-time codes (app/verification/), one row per binding: the keyed hash of the binding's current
 * code, never the code, its tries, and the sends of the current hour that cap the next ones.
 * `forget_at` is when neither the code nor the sending window is of any use.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    /** The shopper session's id (the hash of its token), as in `shopper_sessions`. */
    sessionId: text('session_id').notNull(),
    orderId: text('order_id').notNull(),
    purpose: text('purpose').notNull(),
    /** Random per issued code: a try counted against one code never consumes its replacement. */
    codeId: text('code_id').notNull(),
    codeHash: text('code_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    tries: integer('tries').notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
    sendWindowStart: timestamp('send_window_start', { withTimezone: true, mode: 'date' }).notNull(),
    sendCount: integer('send_count').notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true, mode: 'date' }).notNull(),
    forgetAt: timestamp('forget_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.orderId, table.purpose] }),
    index('one_time_codes_forget_at_idx').on(table.forgetAt),
  ]
);

/** `bytea` as Uint8Array on both drivers (node-postgres hands back a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Shoppers' photos when `COMPTOIR_PHOTO_STORE=database` (app/db/photo-store.server.ts): the bytes
 * themselves, so every portal and worker on this database reads the same photos. `owner` is the
 * keyed hash of the session whose form has not been sent yet, null once the photo is kept.
 */
export const photos = pgTable(
  'photos',
  {
    /** 256 random bits, base64url (app/photos/photo-key.server.ts). */
    key: text('key').primaryKey(),
    owner: text('owner'),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    // Pending rows only: a session's usage, and the sweep of forms left behind.
    index('photos_pending_owner_idx').on(table.owner).where(sql`${table.owner} is not null`),
    index('photos_pending_created_at_idx').on(table.createdAt).where(sql`${table.owner} is not null`),
  ]
);

/**
 * The upstreams' allowances (app/budgets/leaky-bucket.ts), one row per bucket — `shopify:<shop>`,
 * `gorgias:<account>` — so every portal and worker of a store draws on the same one.
 */
export const upstreamBudgets = pgTable('upstream_budgets', {
  key: text('key').primaryKey(),
  /** Units in the bucket at `at_ms`; above capacity while reservations wait their turn. */
  level: doublePrecision('level').notNull(),
  capacity: doublePrecision('capacity').notNull(),
  ratePerSecond: doublePrecision('rate_per_second').notNull(),
  /** Milliseconds since the epoch, from the callers' clocks (tests move time). */
  atMs: doublePrecision('at_ms').notNull(),
});
