import { z } from 'zod';

/**
 * The return form, as posted (with or without JavaScript). Messages are i18n keys. Policy rules
 * (quantities, reasons allowed, photos required) are checked by the policy engine, not here.
 */
const PhotoFileSchema = z
  .instanceof(File)
  .refine((file) => file.size > 0)
  .array()
  .optional()
  .transform((files) => files ?? []);

export const ReturnFormLineSchema = z.object({
  fulfillmentLineItemId: z.string().min(1).max(200),
  quantity: z.number().int().min(0).max(999).default(0),
  reasonId: z.string().max(100).optional(),
  note: z.string().max(300, 'returns:errors.noteTooLong').optional(),
  photos: PhotoFileSchema,
  /** Photos accepted at an earlier step, each key signed for this session. */
  photoKeys: z.array(z.string().max(300)).max(10).optional().transform((keys) => keys ?? []),
});

export const ReturnFormSchema = z
  .object({
    intent: z.enum(['review', 'submit', 'edit']),
    idempotencyKey: z.uuid(),
    lines: z.array(ReturnFormLineSchema).max(100),
    refundMethod: z.enum(['original_payment', 'store_credit']).optional(),
    conditions: z.array(z.string().max(100)).optional().transform((ids) => ids ?? []),
  })
  .superRefine((form, ctx) => {
    if (form.intent === 'edit') return;
    if (!form.lines.some((line) => line.quantity > 0)) {
      ctx.addIssue({ code: 'custom', message: 'returns:errors.nothingSelected', path: [] });
    }
    form.lines.forEach((line, index) => {
      if (line.quantity > 0 && !line.reasonId) {
        ctx.addIssue({ code: 'custom', message: 'returns:errors.reasonRequired', path: ['lines', index, 'reasonId'] });
      }
    });
    if (!form.refundMethod) ctx.addIssue({ code: 'custom', message: 'returns:errors.refundMethodRequired', path: ['refundMethod'] });
  });

export type ReturnForm = z.infer<typeof ReturnFormSchema>;
export type ReturnFormLine = z.infer<typeof ReturnFormLineSchema>;
