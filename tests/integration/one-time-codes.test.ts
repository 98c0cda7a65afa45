import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbOneTimeCodeStore } from '~/db/one-time-code-store.server';
import { runOneTimeCodeStoreContract } from '~/verification/one-time-code-store-contract.test-helpers';

const postgresUrl = process.env.TEST_DATABASE_URL;
const backends = [
  { name: 'PGlite in memory', options: { dataDir: 'memory://' }, skip: false },
  { name: postgresUrl ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)', options: { url: postgresUrl }, skip: !postgresUrl },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`one-time code store on ${backend.name}`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createDatabase(backend.options);
    });
    afterAll(async () => {
      await handle?.close();
    });
    runOneTimeCodeStoreContract(() => createDbOneTimeCodeStore(handle.db));
  });
}
