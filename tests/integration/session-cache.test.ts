import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbSessionStore } from '~/db/session-store.server';
import { TEST_SESSION_SECRET } from '~/session/memory-session-store.test-helpers';
import { SESSION_CACHE_MS, withSessionCache } from '~/session/cached-session-store';
import { createPostgresDatabase } from './support/postgres';

/*
 * Two portal processes on one database, each with its own session cache in front of the real
 * store (as services.server.ts wires it). On PostgreSQL each has its own connection pool; PGlite
 * is one process's database, so there both caches share its one handle.
 */
const START = new Date('2030-03-01T09:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const ORDER = { orderId: 'gid://shopify/Order/1001', orderName: '#1001' };
const adminUrl = process.env.TEST_DATABASE_URL;

const backends = [
  { name: 'PGlite', skip: false, open: async () => ({ handles: [await createDatabase({ dataDir: 'memory://' })], drop: async () => {} }) },
  {
    name: adminUrl ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)',
    skip: !adminUrl,
    open: async () => {
      const database = await createPostgresDatabase(adminUrl!, 'comptoir_session_cache');
      const handles = [await createDatabase({ url: database.url }), await createDatabase({ url: database.url })];
      return { handles, drop: database.drop };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`session cache across processes: ${backend.name}`, () => {
    let handles: DatabaseHandle[] = [];
    let drop = async () => {};
    const twoProcesses = () => {
      const [first, second = first] = handles;
      return [withSessionCache(createDbSessionStore(first!.db, { secret: TEST_SESSION_SECRET })), withSessionCache(createDbSessionStore(second!.db, { secret: TEST_SESSION_SECRET }))] as const;
    };

    beforeAll(async () => {
      ({ handles, drop } = await backend.open());
    });
    afterAll(async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await drop();
    });

    it('a sign-out ends the session at once in the process that made it', async () => {
      const [here, elsewhere] = twoProcesses();
      const { token } = await elsewhere.create(ORDER, START);
      expect(await here.get(token, at(100))).not.toBeNull();
      await here.revoke(token, at(200));
      expect(await here.get(token, at(300))).toBeNull();
    });

    it('a sign-out reaches the other process within the cache time', async () => {
      const [here, elsewhere] = twoProcesses();
      const { token } = await here.create(ORDER, START);
      expect(await elsewhere.get(token, at(100))).not.toBeNull();
      await here.revoke(token, at(200));
      expect(await here.get(token, at(300))).toBeNull();
      expect(await elsewhere.get(token, at(100 + SESSION_CACHE_MS))).toBeNull();
    });

    it('a session another process opened is found at once', async () => {
      const [here, elsewhere] = twoProcesses();
      const { token, session } = await here.create(ORDER, START);
      expect(await elsewhere.get(token, at(100))).toEqual(session);
    });
  });
}
