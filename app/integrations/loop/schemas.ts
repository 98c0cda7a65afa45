import { z } from 'zod';

/*
 * What Loop Returns sends us, read loosely: Loop adds fields without notice (unknown keys are
 * dropped, never refused), ids come as strings in one payload and integers in the next, and
 * money is a decimal string (`"63.30"`) except where an example shows a bare number.
 */

/** A Loop id, string or integer on the wire, a string here. */
export const LoopIdSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
/** A money amount as a decimal string with two places. */
export const LoopMoneySchema = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/),
  z.number().transform((value) => value.toFixed(2)),
]);
const text = z.string().nullish().transform((value) => value ?? null);
const looseText = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined ? null : String(value)));

export const LoopRefundSchema = z.object({
  amount: LoopMoneySchema,
  currency: z.string().length(3).nullish(),
  gateway: text,
});

/** One label of a return, as the return webhook's `labels[]` carries it. */
export const LoopLabelSchema = z.object({
  status: text,
  updated_at: text,
  url: text,
  carrier: text,
  tracking_number: looseText,
  /** Drop-off QR image, where the carrier offers one (not in Loop's published example: nullable). */
  qr_code_url: text,
});

/** Where the parcel goes (Loop's destination); absent from older payloads. */
export const LoopDestinationSchema = z.object({
  name: z.string(),
  company: text,
  address1: z.string(),
  address2: text,
  city: z.string(),
  state: text,
  zip: looseText,
  country_code: z.string(),
});

/** A return, as the details call, the list and the return webhook describe it. */
export const LoopReturnSchema = z.object({
  id: LoopIdSchema,
  state: z.string(),
  created_at: text,
  updated_at: text,
  order_id: LoopIdSchema.nullish(),
  order_name: looseText,
  currency: text,
  outcome: text,
  status_page_url: text,
  carrier: text,
  tracking_number: looseText,
  label_status: text,
  label_url: text,
  label_updated_at: text,
  refunds: z.array(LoopRefundSchema).nullish(),
  labels: z.array(LoopLabelSchema).nullish(),
  destination: LoopDestinationSchema.nullish(),
  /** Loop may list one entry per unit (no quantity) or one per line with its quantity. */
  line_items: z.array(z.object({ provider_line_item_id: LoopIdSchema.nullish(), quantity: z.number().int().positive().nullish() })).nullish(),
});
export type LoopReturn = z.infer<typeof LoopReturnSchema>;

export const LoopReturnListSchema = z.union([
  z.array(LoopReturnSchema),
  z.object({ returns: z.array(LoopReturnSchema), nextPageUrl: text }).transform((page) => page.returns),
]);

export const LoopNotesSchema = z.object({ notes: z.array(z.object({ id: LoopIdSchema, content: z.string(), created_at: text })) });

export const DeepLinkSchema = z.object({ url: z.url() });

const LinkSchema = z.object({ href: z.url() });
const TemplateSchema = z.object({
  method: z.string().default('POST'),
  title: text,
  properties: z.array(z.object({ name: z.string(), required: z.boolean().optional() })).default([]),
});

/** A draft return with its HAL-Forms controls: what can be done next is what `_links` offers. */
export const DraftReturnSchema = z.object({
  draft_return: z.object({ id: LoopIdSchema, state: z.string(), return_id: LoopIdSchema.nullish() }),
  errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })).default([]),
  _links: z.record(z.string(), LinkSchema).default({}),
  _templates: z.record(z.string(), TemplateSchema).default({}),
});
export type DraftReturn = z.infer<typeof DraftReturnSchema>;

/** The order's lines in a draft's context, with the reasons the shop offers for each. */
export const DraftOrderItemsSchema = z.object({
  items: z.array(z.object({
    id: LoopIdSchema,
    provider_line_item_id: LoopIdSchema,
    quantity: z.number().int().nonnegative().default(1),
    returnable: z.boolean().default(true),
    return_reasons: z.array(z.object({ id: LoopIdSchema, name: z.string() })).default([]),
  })),
});
export type DraftOrderItem = z.infer<typeof DraftOrderItemsSchema>['items'][number];

/** Loop's success bodies for actions are a bare `"true"` (or `true`). */
export const ActionResultSchema = z.unknown();

/** 422 bodies come in several published shapes; we keep a code and a message, nothing else. */
export const LoopErrorBodySchema = z.union([
  z.object({ errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })) })
    .transform((body) => ({ code: body.errors[0]?.code ?? null, message: body.errors[0]?.message ?? null })),
  z.object({ errors: z.array(z.string()) }).transform((body) => ({ code: null, message: body.errors[0] ?? null })),
  z.object({ errors: z.object({ code: z.string().optional(), message: z.string().optional() }) })
    .transform((body) => ({ code: body.errors.code ?? null, message: body.errors.message ?? null })),
  z.object({ error: z.object({ code: z.string().optional(), http_code: z.string().optional(), message: z.string().optional() }) })
    .transform((body) => ({ code: body.error.http_code ?? body.error.code ?? null, message: body.error.message ?? null })),
  z.object({ message: z.string() }).transform((body) => ({ code: null, message: body.message })),
  z.object({ content: z.string() }).transform((body) => ({ code: null, message: body.content })),
]);
export type LoopErrorDetail = z.infer<typeof LoopErrorBodySchema>;
