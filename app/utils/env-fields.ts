import { z } from 'zod';

/*
 * Field types the configuration fragments share (app/env.server.ts composes them). Environment
 * values are strings: these read them as what they stand for.
 */

export const positiveInt = z.coerce.number().int().positive();

/** `true`/`false`/`1`/`0`, nothing looser: a typo must not read as "off". */
export const booleanish = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Every fragment's mapping may depend on the mode: the sandbox fills in demo values. */
export type ModeEnv = { COMPTOIR_MODE: 'sandbox' | 'live' };
