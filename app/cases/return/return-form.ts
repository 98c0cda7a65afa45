import { z } from 'zod';

/**
 * What each step of the return form posts (with or without JavaScript). Only shapes and bounds
 * are checked here; whether the answers are complete is the draft's step rules
 * (drafts/draft-steps.ts), and whether the policy allows them, the policy engine's. Lines name
 * their fulfillment line id: answers go to that line, whatever its place on the page.
 */
const LineIdSchema = z.string().min(1).max(200);
const IntentSchema = z.enum(['next', 'save']).default('next');

const ItemsStepSchema = z.object({
  step: z.literal('items'),
  intent: IntentSchema,
  lines: z
    .array(z.object({ id: LineIdSchema, selected: z.boolean().optional(), quantity: z.number().int().min(1).max(999).optional() }))
    .max(100)
    .optional()
    .transform((lines) => lines ?? []),
});

const WhyStepSchema = z.object({
  step: z.literal('why'),
  intent: IntentSchema,
  /** The key of an added photo to take away ("Remove" beside its thumbnail). */
  removePhoto: z.string().max(100).optional(),
  lines: z
    .array(
      z.object({
        id: LineIdSchema,
        reasonId: z.string().max(100).optional(),
        note: z.string().max(1000).optional(),
        /** `<reason id>:<condition id>`: each reason shows its own checks, so only the chosen reason's count. */
        conditions: z.array(z.string().max(201)).max(100).optional(),
        photos: z.array(z.instanceof(File)).max(20).optional(),
      }),
    )
    .max(100)
    .optional()
    .transform((lines) => lines ?? []),
});

const RefundStepSchema = z.object({
  step: z.literal('refund'),
  intent: IntentSchema,
  refundMethod: z.enum(['original_payment', 'store_credit']).optional(),
  /** Per item: `refund`, or the id of the variant wanted instead (an exchange). */
  lines: z
    .array(z.object({ id: LineIdSchema, choice: z.string().max(200).optional() }))
    .max(100)
    .optional()
    .transform((lines) => lines ?? []),
});

const ReviewStepSchema = z.object({ step: z.literal('review'), intent: z.literal('submit') });

export const ReturnStepFormSchema = z.discriminatedUnion('step', [ItemsStepSchema, WhyStepSchema, RefundStepSchema, ReviewStepSchema]);
export type ReturnStepForm = z.infer<typeof ReturnStepFormSchema>;
export type WhyStepForm = z.infer<typeof WhyStepSchema>;

/** The condition ids confirmed for the chosen reason, out of the `<reason>:<condition>` values posted. */
export function conditionsForReason(posted: readonly string[] | undefined, reasonId: string | undefined): string[] {
  if (!reasonId) return [];
  const prefix = `${reasonId}:`;
  return (posted ?? []).filter((value) => value.startsWith(prefix)).map((value) => value.slice(prefix.length));
}
