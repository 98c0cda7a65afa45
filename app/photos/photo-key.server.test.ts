import { describe, expect, it } from 'vitest';
import { createPhotoKey, isWellFormedPhotoKey } from './photo-key.server';

describe('photo keys', () => {
  it('are 43 URL-safe characters and do not repeat', () => {
    const keys = new Set(Array.from({ length: 100 }, createPhotoKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(isWellFormedPhotoKey(key)).toBe(true);
  });

  it('reject anything that could name another path or file', () => {
    const key = createPhotoKey();
    for (const bad of ['', '..', `${key}.tmp`, `.${key}`, `${key.slice(0, 40)}/..`, `${key}A`, key.slice(1)]) {
      expect(isWellFormedPhotoKey(bad)).toBe(false);
    }
  });
});
