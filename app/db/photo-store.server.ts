import { and, count, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { detectPhotoType, type PhotoContentType } from '~/photos/inspect-photo';
import { createPhotoKey, isWellFormedPhotoKey, requirePhotoOwner } from '~/photos/photo-key.server';
import type { PendingPhotos, PhotoStore, StoredPhoto } from '~/photos/photo-store';
import type { Database } from './client.server';
import { photos as t } from './schema';

/*
 * Bytes cross the driver as base64 text, turned into bytea by PostgreSQL itself: PGlite's own
 * bytea conversion took 12 s to write a 10 MiB photo and 1.4 s to read it, base64 0.6 s and
 * 0.25 s. On PostgreSQL reads are twice as fast and writes a little slower: one path for both.
 */
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
// Node skips the line breaks `encode` puts every 76 characters; a plain Uint8Array, not a Buffer.
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

const ContentTypeSchema = z.enum(['image/jpeg', 'image/png', 'image/webp']) satisfies z.ZodType<PhotoContentType>;

/**
 * Photos as rows of `photos`, bytes included, on the app's own database (PostgreSQL, or PGlite on
 * one box). Why not S3: no other service to run, secure and back up; the photos share the cases'
 * backups and transactions; and they are small — 10 MiB each at most, 20 and 60 MB per session
 * (app/photos/inspect-photo.ts, accept-photos.server.ts) — well within what `bytea` holds.
 * Every portal and worker on the database sees a photo as soon as its `put` returns.
 */
export function createDbPhotoStore(db: Database, options: { clock?: () => Date } = {}): PhotoStore {
  const clock = options.clock ?? (() => new Date());

  /** The same check as the folder store: only inspected, stripped bytes of the declared type. */
  async function insert(owner: string | null, bytes: Uint8Array, contentType: PhotoContentType): Promise<{ key: string }> {
    if (detectPhotoType(bytes) !== contentType) {
      throw new TypeError(`photo bytes are not ${contentType}; inspect and strip them before storing`);
    }
    const key = createPhotoKey();
    await db.insert(t).values({ key, owner, contentType, bytes: sql`decode(${toBase64(bytes)}, 'base64')`, size: bytes.byteLength, createdAt: clock() });
    return { key };
  }

  async function read(key: string, owner: string | null): Promise<StoredPhoto | null> {
    if (!isWellFormedPhotoKey(key)) return null;
    const [row] = await db
      .select({ base64: sql<string>`encode(${t.bytes}, 'base64')`, contentType: t.contentType })
      .from(t)
      .where(and(eq(t.key, key), owner === null ? isNull(t.owner) : eq(t.owner, owner)));
    if (!row) return null;
    const contentType = ContentTypeSchema.safeParse(row.contentType);
    // A row this code did not write: not served, as the folder store ignores stray files.
    if (!contentType.success) return null;
    return { bytes: fromBase64(row.base64), contentType: contentType.data };
  }

  async function remove(key: string, owner: string | null): Promise<void> {
    if (!isWellFormedPhotoKey(key)) return;
    await db.delete(t).where(and(eq(t.key, key), owner === null ? isNull(t.owner) : eq(t.owner, owner)));
  }

  function pending(owner: string): PendingPhotos {
    requirePhotoOwner(owner);
    return {
      put: (bytes, contentType) => insert(owner, bytes, contentType),
      get: (key) => read(key, owner),
      delete: (key) => remove(key, owner),
      /** Counted in SQL, on the partial index of pending rows. */
      async usage() {
        const [row] = await db
          .select({ count: count(), bytes: sql<string>`coalesce(sum(${t.size}), 0)` })
          .from(t)
          .where(eq(t.owner, owner));
        return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
      },
      /**
       * Only this owner's rows lose their owner; the rows already kept are then read back, so a
       * retry after a crash between the two answers the same. Another owner's pending photo stays
       * pending and is not returned.
       */
      async keep(keys) {
        const wanted = [...new Set(keys.filter(isWellFormedPhotoKey))];
        if (wanted.length === 0) return [];
        await db.update(t).set({ owner: null }).where(and(inArray(t.key, wanted), eq(t.owner, owner)));
        const kept = await db.select({ key: t.key }).from(t).where(and(inArray(t.key, wanted), isNull(t.owner)));
        const keptKeys = new Set(kept.map((row) => row.key));
        return keys.filter((key) => keptKeys.has(key));
      },
    };
  }

  return {
    put: (bytes, contentType) => insert(null, bytes, contentType),
    get: (key) => read(key, null),
    delete: (key) => remove(key, null),
    pending,
    /** On the partial index of pending rows by `created_at`; kept photos are never swept. */
    async sweep(before) {
      const removed = await db.delete(t).where(and(isNotNull(t.owner), lt(t.createdAt, before))).returning({ key: t.key });
      return removed.length;
    },
  };
}
