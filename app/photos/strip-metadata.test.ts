import { describe, expect, it } from 'vitest';
import { inspectPhoto } from './inspect-photo';
import { SECRET_MARKER, containsText, makeJpeg, makePng, makeWebp } from './photo-fixtures.test-helpers';
import { stripMetadata } from './strip-metadata';

describe('stripMetadata', () => {
  it('strips each format by the type inspection found, and the result inspects the same', () => {
    for (const original of [makeJpeg(), makePng(), makeWebp()]) {
      const inspected = inspectPhoto(original);
      if (!inspected.ok) throw new Error('fixture must inspect');
      const stripped = stripMetadata(original, inspected.contentType);
      if (!stripped.ok) throw new Error('fixture must strip');
      expect(containsText(stripped.bytes, SECRET_MARKER)).toBe(false);
      expect(inspectPhoto(stripped.bytes)).toEqual(inspected);
    }
  });

  it('calls a file that does not match its inspected type corrupt', () => {
    expect(stripMetadata(makePng(), 'image/jpeg')).toEqual({ ok: false, reason: 'corrupt' });
    expect(stripMetadata(makeJpeg(), 'image/webp')).toEqual({ ok: false, reason: 'corrupt' });
  });
});
