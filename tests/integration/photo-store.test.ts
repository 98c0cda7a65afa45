import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbPhotoStore } from '~/db/photo-store.server';
import { photos } from '~/db/schema';
import { runPhotoStoreContract } from '~/photos/photo-store-contract.test-helpers';
import { createPostgresDatabase, DATABASE_BACKENDS, postgresUrl } from './support/postgres';

/** The folder store's contract (app/photos/local-photo-store.server.test.ts), on both databases. */
for (const backend of DATABASE_BACKENDS) {
  describe.skipIf(backend.skip)(`database photo store on ${backend.name}`, () => {
    let handle: DatabaseHandle;
    let drop = async () => {};
    beforeAll(async () => {
      // A database of its own: the sweep's count must see no other run's photos.
      const created = backend.postgres ? await createPostgresDatabase(postgresUrl!, 'comptoir_photos') : null;
      if (created) drop = created.drop;
      handle = await createDatabase(created ? { url: created.url } : { dataDir: 'memory://' });
    });
    afterAll(async () => {
      await handle?.close();
      await drop();
    });
    runPhotoStoreContract(async () => {
      await handle.db.delete(photos);
      return createDbPhotoStore(handle.db);
    });
  });
}
