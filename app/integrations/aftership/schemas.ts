import { z } from 'zod';

/*
 * What the AfterShip Returns API (2026-07) sends back, as far as the portal reads it. Every
 * response is `{meta, data}`; unknown properties are accepted (and dropped), since AfterShip adds
 * fields within a version. Wire names stay snake_case here; the label provider maps them to ours.
 */

export const MoneySchema = z.object({ amount: z.string(), currency: z.string() });
export type AftershipMoney = z.infer<typeof MoneySchema>;

export const MetaSchema = z.object({
  code: z.number().int(),
  type: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(z.object({ path: z.string().optional(), info: z.string().optional() })).optional(),
});

/** `{meta, data}` around `data`. */
export const envelopeOf = <T extends z.ZodType>(data: T) => z.object({ meta: MetaSchema, data });

/** The error envelope: `data` is null. */
export const ErrorEnvelopeSchema = z.object({ meta: MetaSchema, data: z.unknown().optional() });

export const AddressSchema = z.object({
  contact_name: z.string().nullish(),
  company_name: z.string().nullish(),
  street_1: z.string().nullish(),
  street_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.object({ name: z.string().nullish() }).nullish(),
  postal_code: z.string().nullish(),
  country_region: z.object({ code: z.string().nullish() }).nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
});
export type AftershipAddress = z.infer<typeof AddressSchema>;

export const ShipmentSchema = z.object({
  id: z.string().optional(),
  tracking_number: z.string().nullish(),
  tracking_status: z.string().nullish(),
  slug: z.string().nullish(),
  label: z.object({ url: z.string().nullish(), slug: z.string().nullish(), qr_code_url: z.string().nullish() }).nullish(),
  ship_to: AddressSchema.nullish(),
  created_at: z.string().nullish(),
  tracking_status_updated_at: z.string().nullish(),
});

export const RefundSchema = z.object({
  destination: z.string().nullish(),
  total: MoneySchema.nullish(),
});

export const ApprovalStatusSchema = z.enum(['submitted', 'approved', 'done', 'rejected', 'expired']);

export const ReturnSchema = z.object({
  id: z.string().min(1),
  rma_number: z.string().nullish(),
  approval_status: ApprovalStatusSchema,
  approved_at: z.string().nullish(),
  rejected_at: z.string().nullish(),
  resolved_at: z.string().nullish(),
  refunded_at: z.string().nullish(),
  expired_at: z.string().nullish(),
  created_at: z.string().nullish(),
  refund_destination: z.string().nullish(),
  refunded_total: MoneySchema.nullish(),
  order: z.object({ external_id: z.string().nullish(), order_name: z.string().nullish() }).nullish(),
  return_items: z.array(z.object({ external_order_item_id: z.string().nullish(), intended_return_quantity: z.number().int().nullish() })).default([]),
  shipments: z.array(ShipmentSchema).default([]),
  receivings: z.array(z.object({ received_at: z.string().nullish() })).default([]),
  refunds: z.array(RefundSchema).default([]),
  shipping_status: z.string().nullish(),
});
export type AftershipReturn = z.infer<typeof ReturnSchema>;

export const ReturnEnvelopeSchema = envelopeOf(ReturnSchema);

export const ReturnListEnvelopeSchema = envelopeOf(z.object({
  returns: z.array(ReturnSchema),
  pagination: z.object({ total: z.number().int().nullish(), page: z.number().int(), limit: z.number().int(), has_next_page: z.boolean() }),
}));
export type AftershipReturnPage = z.infer<typeof ReturnListEnvelopeSchema>['data'];

export const ReturnLinkEnvelopeSchema = envelopeOf(z.object({ url: z.url() }));

/* What we send. */

export const CreateReturnBodySchema = z.object({
  order: z.object({ external_id: z.string().min(1), store: z.object({ platform: z.literal('shopify'), external_id: z.string().min(1) }) }),
  return_items: z.array(z.object({
    external_order_item_id: z.string().min(1),
    intended_return_quantity: z.number().int().min(1),
    return_reason: z.string().min(1),
    return_reason_comment: z.string().optional(),
    resolution: z.literal('refund'),
  })).min(1),
  return_method: z.object({ type: z.literal('retailer_label') }),
  refund_destination: z.enum(['original_payment', 'store_credit']),
});
export type CreateReturnBody = z.infer<typeof CreateReturnBodySchema>;

export const ApproveBodySchema = z.object({
  notify_customer: z.boolean(),
  generate_label: z.boolean(),
  /** Printed on the label; AfterShip takes 1–60 characters. */
  customize_label_info: z.object({ label_reference: z.string().min(1).max(60) }).optional(),
});
export type ApproveBody = z.infer<typeof ApproveBodySchema>;

export const RejectBodySchema = z.object({ reject_reason: z.string().min(1).max(1000), notify_customer: z.boolean() });
export const ResolveBodySchema = z.object({ notify_customer: z.boolean() });
export const ReturnLinkBodySchema = z.object({ order_number: z.string().min(1), customer_email: z.email().optional(), postal_code: z.string().optional() });
