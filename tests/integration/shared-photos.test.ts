import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';
import { acceptPhotos } from '~/photos/accept-photos.server';
import { SECRET_MARKER, containsText, makeJpeg } from '~/photos/photo-fixtures.test-helpers';
import { signPhotoUrl } from '~/photos/signed-url.server';
import { loader as photoLoader } from '~/routes/photos.$key';
import { createServices, type Services } from '~/services.server';
import { DATABASE_BACKENDS, postgresUrl } from './support/postgres';
import { openSharedDatabase } from './support/shared-database';

/**
 * Two portals on one database, as on many machines: a photo a shopper adds through one is read by
 * the other (its thumbnail, the worker's attachment) and served by the other's signed photo link.
 * On PGlite the two share one handle; on PostgreSQL each has its own pool, like two processes.
 */
const SECRET = 's'.repeat(40);
const OWNER = 'session-hash-0001';

for (const backend of DATABASE_BACKENDS) {
  describe.skipIf(backend.skip)(`photos shared by two portals on ${backend.name}`, () => {
    const dataDirs = [mkdtempSync(join(tmpdir(), 'comptoir-shared-photos-a-')), mkdtempSync(join(tmpdir(), 'comptoir-shared-photos-b-'))];
    let one: Services;
    let other: Services;
    let drop = async () => {};

    beforeAll(async () => {
      const { handles, url, drop: dropDatabase } = await openSharedDatabase(backend.postgres ? postgresUrl! : null, 'comptoir_shared_photos');
      drop = dropDatabase;
      // DATABASE_URL alone chooses the database store; PGlite is asked for it by name. Each
      // portal has its own data folder, as on two machines.
      const store = url ? { DATABASE_URL: url } : { COMPTOIR_PHOTO_STORE: 'database' };
      const portal = (index: 0 | 1) => createServices(parseEnv({ ...store, COMPTOIR_DATA_DIR: dataDirs[index], COMPTOIR_SECRET: SECRET }), { database: handles[index] });
      one = await portal(0);
      other = await portal(1);
      expect([one.config.photoStore, other.config.photoStore]).toEqual(['database', 'database']);
    });

    afterAll(async () => {
      await other?.close();
      await one?.close();
      await drop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });

    it("shows a photo added on one portal on the other, counts it there, and keeps it from there", async () => {
      const upload = new File([Uint8Array.from(makeJpeg(32, 16))], 'IMG_0001.jpg', { type: 'image/jpeg' });
      const accepted = await acceptPhotos([upload], { store: one.photos.pending(OWNER), maxFiles: 5 });
      if (!accepted.ok) throw new Error('the photo was refused');
      const [photo] = accepted.photos;

      const thumbnail = await other.photos.pending(OWNER).get(photo!.key);
      expect(thumbnail?.contentType).toBe('image/jpeg');
      expect(thumbnail?.bytes.length).toBe(photo!.bytes);
      expect(containsText(thumbnail!.bytes, SECRET_MARKER)).toBe(false);
      expect(await other.photos.pending(OWNER).usage()).toEqual({ count: 1, bytes: photo!.bytes });
      // Pending: no one is served it as a case's photo yet, on either portal.
      expect(await other.photos.get(photo!.key)).toBeNull();

      expect(await other.photos.pending(OWNER).keep([photo!.key])).toEqual([photo!.key]);
      expect(await one.photos.get(photo!.key)).toEqual(thumbnail);
      expect(await one.photos.pending(OWNER).usage()).toEqual({ count: 0, bytes: 0 });
    });

    it("serves a kept photo through the other portal's signed link, and the same 404 once deleted", async () => {
      const { key } = await one.photos.put(makeJpeg(8, 8), 'image/jpeg');
      const link = signPhotoUrl({ caseId: 'C-SHARED01', key, expiresAt: new Date(Date.now() + 60_000) }, SECRET);
      const fetchThrough = (services: Services) =>
        photoLoader({ request: new Request(`http://portal.test${link}`), params: { key }, context: { services } } as unknown as LoaderFunctionArgs);

      const response = await fetchThrough(other);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('image/jpeg');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual((await one.photos.get(key))!.bytes);

      await other.photos.delete(key);
      const gone = await fetchThrough(one).then(() => null, (thrown: unknown) => thrown);
      expect(gone).toBeInstanceOf(Response);
      expect((gone as Response).status).toBe(404);
    });

    it("sweeps from one portal what a form left pending on the other", async () => {
      const owner = 'session-hash-0002';
      const { key } = await one.photos.pending(owner).put(makeJpeg(8, 8), 'image/jpeg');
      expect(await other.photos.sweep(new Date(Date.now() + 1000))).toBe(1);
      expect(await one.photos.pending(owner).get(key)).toBeNull();
    });
  });
}
