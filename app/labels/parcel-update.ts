import { z } from 'zod';
import { LABEL_PROVIDERS, PARCEL_STEPS, type ParcelUpdate } from './ports';

/*
 * `ParcelUpdate` as stored with a webhook delivery (`webhook_deliveries.event`): parsed on every
 * write and every read, dates as ISO strings in the JSON column.
 */

const MoneySchema = z.object({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string().length(3) });


const LabelFactsSchema = z
  .object({
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    labelUrl: z.string().nullable(),
    qrCodeUrl: z.string().nullable(),
    returnAddress: z.array(z.string()).nullable(),
    shipBy: z.string().nullable(),
    portalUrl: z.string().nullable(),
  })
  .partial();

export const ParcelUpdateSchema: z.ZodType<ParcelUpdate, unknown> = z.object({
  provider: z.enum(LABEL_PROVIDERS).exclude(['store']),
  providerReturnId: z.string().min(1),
  caseId: z.string().nullable(),
  step: z.enum(PARCEL_STEPS).nullable(),
  occurredAt: z.coerce.date().nullable(),
  label: LabelFactsSchema.nullable(),
  refund: z.object({ amount: MoneySchema, method: z.enum(['original_payment', 'store_credit']) }).nullable(),
});
