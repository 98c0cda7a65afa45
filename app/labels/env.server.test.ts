import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

describe('COMPTOIR_LABEL_PROVIDER', () => {
  it('defaults to the store itself, which needs no account', () => {
    expect(parseEnv({}).labels).toEqual({ defaultProvider: 'store' });
  });

  it('takes loop, aftership or store', () => {
    for (const provider of ['loop', 'aftership', 'store']) expect(parseEnv({ COMPTOIR_LABEL_PROVIDER: provider }).labels.defaultProvider).toBe(provider);
  });

  it('refuses anything else at start, naming the choices', () => {
    expect(() => parseEnv({ COMPTOIR_LABEL_PROVIDER: 'ups' })).toThrow(/COMPTOIR_LABEL_PROVIDER: must be loop, aftership or store/);
  });
});
