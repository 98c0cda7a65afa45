import { z } from 'zod';
import { normalizeEmail, parseOrderNumber } from './identifiers';
import type { SecondFactor } from './lookup';

/** The lookup form. Messages are i18n keys; the page translates them. */
function buildLookupSchema(secondFactor: SecondFactor) {
  return z.object({
    orderNumber: z.string({ error: 'lookup:errors.orderNumberRequired' }).transform((value, ctx) => {
      const parsed = parseOrderNumber(value);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: 'lookup:errors.orderNumberInvalid' });
        return z.NEVER;
      }
      return parsed;
    }),
    email: z
      .string({ error: 'lookup:errors.emailRequired' })
      .max(254, 'lookup:errors.emailInvalid')
      .transform(normalizeEmail)
      .pipe(z.email({ error: 'lookup:errors.emailInvalid' })),
    secondFactor:
      secondFactor === 'none'
        ? z.string().max(64).optional().transform(() => null)
        : z.string({ error: 'lookup:errors.secondFactorRequired' }).max(64, 'lookup:errors.secondFactorRequired'),
  });
}

// Built once per second factor: a lookup is on the shopper's path to their order, every time.
const LOOKUP_SCHEMAS = { none: buildLookupSchema('none'), zip: buildLookupSchema('zip'), phone: buildLookupSchema('phone') };

export const lookupSchemaFor = (secondFactor: SecondFactor) => LOOKUP_SCHEMAS[secondFactor];
