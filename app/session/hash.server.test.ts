import { describe, expect, it } from 'vitest';
import { hashIdentifier } from './hash.server';

describe('hashIdentifier', () => {
  it('gives 32 lowercase hex characters, stable for the same secret and value', () => {
    const hash = hashIdentifier('secret', 'order:1001');
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hashIdentifier('secret', 'order:1001')).toBe(hash);
  });

  it('is the truncated HMAC-SHA256, so other tools can reproduce it', () => {
    // RFC 4231 test case 2.
    expect(hashIdentifier('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c7'
    );
  });

  it('changes with the secret and with the value', () => {
    const hash = hashIdentifier('secret', 'order:1001');
    expect(hashIdentifier('other-secret', 'order:1001')).not.toBe(hash);
    expect(hashIdentifier('secret', 'order:1002')).not.toBe(hash);
  });

  it('refuses an empty secret rather than hashing without a key', () => {
    expect(() => hashIdentifier('', 'order:1001')).toThrow();
  });
});
