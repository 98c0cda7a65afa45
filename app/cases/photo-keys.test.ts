import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPhotoKey, verifyPhotoKey } from './photo-keys';

const hash = (value: string) => createHmac('sha256', 'test-secret').update(value).digest('hex').slice(0, 32);

describe('photo keys carried between steps', () => {
  it('round-trips for the session that added the photo', () => {
    const signed = signPhotoKey('ph_abc123', 'session-1', hash);
    expect(verifyPhotoKey(signed, 'session-1', hash)).toBe('ph_abc123');
  });

  it('refuses another session, a forged key and garbage', () => {
    const signed = signPhotoKey('ph_abc123', 'session-1', hash);
    expect(verifyPhotoKey(signed, 'session-2', hash)).toBeNull();
    expect(verifyPhotoKey(signed.replace('ph_abc123', 'ph_other'), 'session-1', hash)).toBeNull();
    expect(verifyPhotoKey('no-signature', 'session-1', hash)).toBeNull();
  });
});
