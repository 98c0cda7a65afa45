import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL for the tests (`.ci/postgres.sh` sets it); without it, its half of each test is skipped. */
export const postgresUrl = process.env.TEST_DATABASE_URL;

/** The databases a test runs on: PGlite always, PostgreSQL when there is one (else skipped, saying why). */
export const DATABASE_BACKENDS = [
  { name: 'PGlite in memory', postgres: false, skip: false },
  { name: postgresUrl ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)', postgres: true, skip: !postgresUrl },
];

/** One throwaway database per run on PostgreSQL, so pg-boss's schema starts empty too. */
export async function createPostgresDatabase(adminUrl: string, prefix = 'comptoir_test') {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
