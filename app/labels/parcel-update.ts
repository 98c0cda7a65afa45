import { z } from 'zod';
import { MoneySchema } from '~/cases/return/details';
import { LabelFactsSchema } from './parcel-events';
import { LABEL_PROVIDERS, PARCEL_STEPS, type ParcelUpdate } from './ports';

/*
 * `ParcelUpdate` as stored with a webhook delivery (`webhook_deliveries.event`): parsed on every
 * write and every read, dates as ISO strings in the JSON column.
 */

export const ParcelUpdateSchema: z.ZodType<ParcelUpdate, unknown> = z.object({
  provider: z.enum(LABEL_PROVIDERS).exclude(['store']),
  providerReturnId: z.string().min(1),
  caseId: z.string().nullable(),
  step: z.enum(PARCEL_STEPS).nullable(),
  occurredAt: z.coerce.date().nullable(),
  label: LabelFactsSchema.partial().nullable(),
  refund: z.object({ amount: MoneySchema, method: z.enum(['original_payment', 'store_credit']) }).nullable(),
});
