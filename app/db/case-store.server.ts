import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gte, sql } from 'drizzle-orm';
import { canTransition, type CaseState } from '~/cases/case-state';
import {
  CASE_ACTORS,
  CaseEventDataSchema,
  CaseStateSchema,
  ProviderRefsSchema,
  type Case,
  type CaseEvent,
  type CaseStore,
  type NewCase,
  type NewCaseEvent,
  type OpenCaseResult,
  type TransitionResult,
} from '~/cases/case-store';
import { CASE_KINDS, KINDS, type CaseKind } from '~/cases/kinds';
import type { Queue } from '~/jobs/queue.server';
import { z } from 'zod';
import type { Database } from './client.server';
import { caseEvents, cases, idempotencyKeys } from './schema';

type CaseRow = typeof cases.$inferSelect;
type EventRow = typeof caseEvents.$inferSelect;

const KindSchema = z.enum(CASE_KINDS as [CaseKind, ...CaseKind[]]);
const ActorSchema = z.enum(CASE_ACTORS);

/** Thrown inside the transaction to roll back a case whose idempotency key another one holds. */
class KeyTaken extends Error {}

/** Thrown inside the transaction to roll back a move the case's own kind does not allow. */
class NotAllowed extends Error {}

/** Whether each state follows the one before it, starting at `from`, for a case of this kind. */
function isPath(kind: CaseKind, from: CaseState, path: CaseState[]): boolean {
  return path.every((to, index) => canTransition(kind, index === 0 ? from : path[index - 1]!, to));
}

/** Checked before the database is touched: a move no kind allows is refused at once. */
const isPathForSomeKind = (from: CaseState, path: CaseState[]) => CASE_KINDS.some((kind) => isPath(kind, from, path));

/**
 * Cases in `cases`, their log in `case_events` (append-only, also by trigger), submission keys in
 * `idempotency_keys`. Jobs go through `queue.send` with the transaction, so a job exists if and
 * only if the case that asked for it was committed.
 */
export function createDbCaseStore(db: Database, queue: Pick<Queue, 'send'>): CaseStore {
  async function findByKey(key: string, input: NewCase): Promise<OpenCaseResult | null> {
    const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    if (!row) return null;
    const existing = await store.getCase(row.caseId);
    if (!existing) throw new Error(`idempotency key points at a missing case ${row.caseId}`);
    // A key is the form's, so it is only trusted for the order it was first used with.
    return existing.orderId === input.orderId ? { status: 'replayed', case: existing } : { status: 'key_conflict' };
  }

  const inTransition = (move: (tx: Database) => Promise<TransitionResult>) => inTransitionOf(db, move);

  const store: CaseStore = {
    async openCase(input, idempotencyKey, now, enqueue) {
      const seen = await findByKey(idempotencyKey, input);
      if (seen) return seen;
      try {
        return await db.transaction(async (tx) => {
          const row = await insertCase(tx, input, now);
          // Under a concurrent submission this insert waits for the other transaction's key, then
          // finds it taken; the case above is rolled back and the caller gets the other one.
          const claimed = await tx
            .insert(idempotencyKeys)
            .values({ key: idempotencyKey, caseId: row.id, createdAt: now })
            .onConflictDoNothing()
            .returning({ key: idempotencyKeys.key });
          if (claimed.length === 0) throw new KeyTaken();
          await insertEvent(tx, row.id, { at: now, type: 'received', actor: 'shopper', data: {} });
          for (const event of input.openingEvents ?? []) await insertEvent(tx, row.id, { ...event, at: now });
          const opened = toCase(row);
          for (const job of enqueue?.(opened) ?? []) {
            const singletonKey = job.singletonKey ?? `${opened.id}:${job.name}`;
            await queue.send(job.name, job.data, { singletonKey, transaction: tx, ...(job.startAfterSeconds ? { startAfter: job.startAfterSeconds } : {}) });
          }
          return { status: 'opened' as const, case: opened };
        });
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
      }
      const winner = await findByKey(idempotencyKey, input);
      if (!winner) throw new Error('idempotency key taken but not found');
      return winner;
    },

    async getCase(id) {
      const [row] = await db.select().from(cases).where(eq(cases.id, id));
      return row ? toCase(row) : null;
    },

    async findCaseByIdempotencyKey(key, orderId) {
      const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      const found = row ? await store.getCase(row.caseId) : null;
      return found && found.orderId === orderId ? found : null;
    },

    async listCasesByCustomer(customerEmailHash, limit) {
      const rows = await db.select().from(cases).where(eq(cases.customerEmailHash, customerEmailHash)).orderBy(desc(cases.createdAt), desc(cases.id)).limit(limit);
      return rows.map(toCase);
    },

    async listCasesForOrder(orderId) {
      const rows = await db.select().from(cases).where(eq(cases.orderId, orderId)).orderBy(asc(cases.createdAt), asc(cases.id));
      return rows.map(toCase);
    },

    async findCaseByShopifyReturnId(returnId) {
      // A case with both auto-approved and reviewed lines opened two returns; the second is only
      // in its log, as `<via>:<return id>:<status>`.
      const listed = `%:${returnId.replace(/[%_\\]/g, '')}:%`;
      const [row] = await db
        .select()
        .from(cases)
        .where(sql`${cases.providerRefs}->>'shopifyReturnId' = ${returnId} OR EXISTS (
          SELECT 1 FROM ${caseEvents} WHERE ${caseEvents.caseId} = ${cases.id}
            AND ${caseEvents.type} = 'shopify.returns_opened' AND ${caseEvents.data}::text LIKE ${listed})`)
        // Shopify never reuses a return id, but a sandbox emulator restarted under a kept database does.
        .orderBy(desc(cases.createdAt))
        .limit(1);
      return row ? toCase(row) : null;
    },

    async findCaseByProviderReturnId(provider, providerReturnId) {
      if (provider === 'store') return store.getCase(providerReturnId);
      const key = provider === 'loop' ? 'loopReturnId' : 'aftershipReturnId';
      const [row] = await db
        .select()
        .from(cases)
        .where(sql`${cases.providerRefs}->>${key} = ${providerReturnId}`)
        .orderBy(desc(cases.createdAt))
        .limit(1);
      return row ? toCase(row) : null;
    },

    async appendEvent(caseId, event) {
      return db.transaction(async (tx) => {
        const [touched] = await touchCase(tx, caseId, event.at);
        return touched ? insertEvent(tx, caseId, event) : null;
      });
    },

    async listEvents(caseId) {
      const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
      return rows.map(toEvent);
    },

    async transition(caseId, from, to, event) {
      if (!isPathForSomeKind(from, [to])) return { ok: false, reason: 'not_allowed' };
      return inTransition(async (tx) => {
        const [row] = await tx
          .update(cases)
          .set({ state: to, updatedAt: later(event.at) })
          .where(and(eq(cases.id, caseId), eq(cases.state, from)))
          .returning();
        if (!row) {
          const [exists] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
          return { ok: false, reason: exists ? 'stale' : 'not_found' };
        }
        if (!isPath(KindSchema.parse(row.kind), from, [to])) throw new NotAllowed();
        await insertEvent(tx, caseId, event);
        return { ok: true, case: toCase(row) };
      });
    },

    async advance(caseId, from, steps, jobs, refs) {
      const path = steps.map((step) => step.to);
      const last = steps.at(-1);
      if (!last || !isPathForSomeKind(from, path)) return { ok: false, reason: 'not_allowed' };
      return inTransition(async (tx) => {
        const patch = refs ? JSON.stringify(ProviderRefsSchema.parse(refs)) : '{}';
        const [row] = await tx
          .update(cases)
          .set({ state: last.to, updatedAt: later(last.event.at), ...(refs ? { providerRefs: sql`${cases.providerRefs} || ${patch}::jsonb` } : {}) })
          .where(and(eq(cases.id, caseId), eq(cases.state, from)))
          .returning();
        if (!row) {
          const [exists] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
          return { ok: false, reason: exists ? 'stale' : 'not_found' };
        }
        if (!isPath(KindSchema.parse(row.kind), from, path)) throw new NotAllowed();
        for (const step of steps) await insertEvent(tx, caseId, step.event);
        for (const job of jobs) await queue.send(job.name, job.data, { singletonKey: job.singletonKey ?? `${caseId}:${job.name}`, transaction: tx, ...(job.startAfterSeconds ? { startAfter: job.startAfterSeconds } : {}) });
        return { ok: true, case: toCase(row) };
      });
    },

    async recordProviderRefs(caseId, refs, event) {
      const patch = JSON.stringify(ProviderRefsSchema.parse(refs));
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(cases)
          .set({ providerRefs: sql`${cases.providerRefs} || ${patch}::jsonb`, updatedAt: later(event.at) })
          .where(eq(cases.id, caseId))
          .returning();
        if (!row) return null;
        await insertEvent(tx, caseId, event);
        return toCase(row);
      });
    },

    async countReturnsByCustomerSince(customerEmailHash, since) {
      const [row] = await db.select({ n: count() }).from(cases).where(returnsSince(customerEmailHash, since));
      return row?.n ?? 0;
    },

    async getReturnHistory(customerEmailHash, since) {
      const rows = await db
        .select({ createdAt: cases.createdAt })
        .from(cases)
        .where(returnsSince(customerEmailHash, since))
        .orderBy(asc(cases.createdAt));
      return { returnRequestedAt: rows.map((row) => row.createdAt) };
    },
  };
  return store;
}

function returnsSince(customerEmailHash: string, since: Date) {
  return and(eq(cases.customerEmailHash, customerEmailHash), eq(cases.kind, 'return'), gte(cases.createdAt, since));
}

/** `updated_at` never moves back when events arrive out of order. */
/**
 * A state move in one transaction. The row's kind is only known once the row is updated: a move
 * its kind does not allow rolls the update back and answers `not_allowed`.
 */
async function inTransitionOf(db: Database, move: (tx: Database) => Promise<TransitionResult>): Promise<TransitionResult> {
  try {
    return await db.transaction(move);
  } catch (error) {
    if (error instanceof NotAllowed) return { ok: false, reason: 'not_allowed' };
    throw error;
  }
}

function later(at: Date) {
  return sql`greatest(${cases.updatedAt}, ${at.toISOString()}::timestamptz)`;
}

function touchCase(tx: Database, caseId: string, at: Date) {
  return tx.update(cases).set({ updatedAt: later(at) }).where(eq(cases.id, caseId)).returning({ id: cases.id });
}

async function insertCase(tx: Database, { openingEvents: _events, ...input }: NewCase, now: Date): Promise<CaseRow> {
  const kind = KindSchema.parse(input.kind);
  const values = {
    ...input,
    kind,
    state: 'received',
    details: KINDS[kind].details.parse(input.details),
    providerRefs: ProviderRefsSchema.parse(input.providerRefs ?? {}),
    createdAt: now,
    updatedAt: now,
  };
  // 40 random bits: a clash is rare but possible over years of cases, so draw again on one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx.insert(cases).values({ id: createCaseId(), ...values }).onConflictDoNothing().returning();
    if (row) return row;
  }
  throw new Error('could not draw a free case id');
}

async function insertEvent(tx: Database, caseId: string, event: NewCaseEvent): Promise<CaseEvent> {
  const [row] = await tx
    .insert(caseEvents)
    .values({ caseId, at: event.at, type: event.type, actor: ActorSchema.parse(event.actor), data: CaseEventDataSchema.parse(event.data) })
    .returning();
  if (!row) throw new Error('case event insert returned no row');
  return toEvent(row);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function createCaseId(): string {
  return `C-${Array.from({ length: 8 }, () => CROCKFORD[randomInt(32)]).join('')}`;
}

/** The row as a case of its kind: the kind names the schema its details are parsed with. */
function toCase(row: CaseRow): Case {
  const kind = KindSchema.parse(row.kind);
  return {
    ...row,
    kind,
    state: CaseStateSchema.parse(row.state),
    details: KINDS[kind].details.parse(row.details),
    providerRefs: ProviderRefsSchema.parse(row.providerRefs),
  } as Case;
}

function toEvent(row: EventRow): CaseEvent {
  return { ...row, actor: ActorSchema.parse(row.actor), data: CaseEventDataSchema.parse(row.data) };
}
