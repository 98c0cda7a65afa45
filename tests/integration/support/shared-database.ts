import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createPostgresDatabase } from './postgres';

/**
 * One database for two portals, as on two machines: on PostgreSQL a throwaway database with a
 * pool per portal (like two processes); on PGlite one in-memory handle, the second not closing it.
 */
export async function openSharedDatabase(postgresUrl: string | null, name: string): Promise<{ handles: [DatabaseHandle, DatabaseHandle]; url: string | null; drop(): Promise<void> }> {
  if (postgresUrl) {
    const created = await createPostgresDatabase(postgresUrl, name);
    return { handles: [await createDatabase({ url: created.url }), await createDatabase({ url: created.url })], url: created.url, drop: created.drop };
  }
  const shared = await createDatabase({ dataDir: 'memory://' });
  // The second portal must not close the database the first still uses.
  return { handles: [shared, { ...shared, close: async () => {} }], url: null, drop: async () => {} };
}
