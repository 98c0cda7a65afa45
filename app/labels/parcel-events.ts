import { z } from 'zod';
import { MoneySchema } from '~/cases/return/details';
import { LABEL_PROVIDERS } from './ports';

/*
 * The case events of a return's way back to the store, and the data each carries: the label jobs
 * and the webhook jobs write them (actor `system` or `store`), the case page, the sidebar and the
 * ticket notes read them. One event per step, so one note and one timeline line per step.
 */

const ProviderSchema = z.enum(LABEL_PROVIDERS);

/** What a label says, beyond who made it: shared by the events and the stored webhook updates. */
export const LabelFactsSchema = z.object({
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  labelUrl: z.string().nullable(),
  qrCodeUrl: z.string().nullable(),
  returnAddress: z.array(z.string()).nullable(),
  shipBy: z.string().nullable(),
  portalUrl: z.string().nullable(),
});

/** `IssuedLabel` (ports.ts) as an event keeps it. */
export const IssuedLabelDataSchema = LabelFactsSchema.extend({ provider: ProviderSchema, providerReturnId: z.string() });

const TrackingSchema = LabelFactsSchema.pick({ carrier: true, trackingNumber: true, trackingUrl: true });

/** Event type → the schema of its `data`. Unknown keys are kept out of the shopper's view, not refused. */
export const PARCEL_EVENT_DATA = {
  /** The label request is queued (the case reached `approved` and has something to send back). */
  label_requested: z.object({ provider: ProviderSchema }),
  /** The provider holds the return; the label comes later, or on its own page (`portalUrl`). */
  label_pending: z.object({ provider: ProviderSchema, providerReturnId: z.string(), portalUrl: z.string().nullable() }),
  /** What the shopper needs to send it back. State `label_issued`. */
  label_issued: IssuedLabelDataSchema,
  /** The provider will not make a label: an agent takes over (agent event). */
  label_refused: z.object({ provider: ProviderSchema, code: z.string(), message: z.string() }),
  /** The shopper typed the tracking number of the carrier they chose (`store` provider). */
  tracking_added: TrackingSchema,
  /** First carrier scan. State `in_transit`. */
  parcel_in_transit: TrackingSchema.partial(),
  /** The carrier delivered it at the store's warehouse (the state stays `in_transit`). */
  parcel_delivered: TrackingSchema.partial(),
  /** The store received and checked the items. State `received_by_store`. */
  return_received: z.object({}),
  /**
   * Shopify's actual refund (or the provider's), with the estimate quoted to the shopper: a
   * difference is noted for the agent. State `refunded`.
   */
  refund_issued: z.object({ amount: MoneySchema, method: z.enum(['original_payment', 'store_credit']), estimate: MoneySchema.nullable() }),
  /** The provider cancelled the return (or an agent did there). State `return_cancelled`. */
  return_cancelled: z.object({ provider: ProviderSchema }),
  /** The label was never used in time. State `label_expired`. */
  label_expired: z.object({ provider: ProviderSchema, shipBy: z.string().nullable() }),
} as const;

export type ParcelEventType = keyof typeof PARCEL_EVENT_DATA;
export type ParcelEventData<T extends ParcelEventType> = z.infer<(typeof PARCEL_EVENT_DATA)[T]>;

export const isParcelEventType = (type: string): type is ParcelEventType => Object.hasOwn(PARCEL_EVENT_DATA, type);
