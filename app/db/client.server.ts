import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

/** Raw `execute()` results: both drivers answer with at least `{ rows }`. */
export interface RowsQueryResultHKT extends PgQueryResultHKT {
  type: QueryRows<this['row']>;
}

interface QueryRows<TRow> {
  rows: TRow[];
}

/** What repositories accept: the common ground of the PGlite and node-postgres drivers. */
export type Database = PgDatabase<RowsQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Closes the pool or the embedded database; call once at shutdown. */
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throwaway database. Defaults to `memory://`. */
  dataDir?: string;
}

// Remix bundles app code into build/, so import.meta.url does not point at the sources.
const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'app/db/migrations');

// Any fixed 64-bit number works; it only has to be the same for every portal process.
const MIGRATION_LOCK_ID = 7_311_402_118;

/**
 * Opens the database and brings its schema up to date with the committed migrations
 * before returning, so callers never see a half-migrated database.
 */
export async function createDatabase(options: CreateDatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const folder = toLocalFolder(dataDir);
  if (folder) mkdirSync(folder, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db, kind: 'pglite', close: () => client.close() };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url });
  // Without a listener, an idle client dropped by the server would crash the process.
  pool.on('error', (error) => {
    console.error(`[db] idle PostgreSQL client error: ${error.message}`);
  });
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePostgres({ client: pool, schema });
  return { db, kind: 'postgres', close: () => pool.end() };
}

/**
 * Many portal processes may start together against one PostgreSQL; an advisory lock makes
 * them apply migrations one at a time, and the later ones find nothing left to do.
 * The lock belongs to a connection, so the migrator runs on that same connection.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await migratePostgres(drizzlePostgres({ client: connection, schema }), {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    connection.release();
  }
}

/** PGlite reads plain and `file://` paths from disk; memory:// and idb:// are not folders. */
function toLocalFolder(dataDir: string): string | null {
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z]+:\/\//i.test(dataDir) ? null : dataDir;
}
