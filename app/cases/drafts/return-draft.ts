import { z } from 'zod';

/**
 * A return being written, kept server-side per shopper session (DESIGN §4b): every step posts
 * into it and is answered with a redirect to a page drawn from it, so Back and refresh never
 * resend a form, and nothing the shopper gave is lost when one field fails. Answers are keyed by
 * fulfillment line id, never by position on the page, so they cannot move to another item.
 */
export const RETURN_STEPS = ['items', 'why', 'refund', 'review'] as const;
export type ReturnStepName = (typeof RETURN_STEPS)[number];
export const ReturnStepNameSchema = z.enum(RETURN_STEPS);

/** Per item; the five photos of the form's limit, a few more tolerated from older rows. */
export const MAX_PHOTOS_PER_LINE = 5;

export const DraftLineSchema = z.object({
  quantity: z.int().min(1).max(999),
  reasonId: z.string().max(100).nullable(),
  note: z.string().max(1000),
  /** Pending photo keys (app/photos), in the order they were added. */
  photoKeys: z.array(z.string().max(100)).max(MAX_PHOTOS_PER_LINE),
  /** Condition ids the shopper confirmed for this item's reason. */
  conditions: z.array(z.string().max(100)).max(50),
  /** The variant wanted instead of the money (an exchange), or null for a refund. Older drafts have none. */
  exchange: z.object({ productId: z.string().max(200), variantId: z.string().max(200) }).nullable().default(null),
});
export type DraftLine = z.infer<typeof DraftLineSchema>;

/** Errors of the last post, shown once by the step that made them (i18n keys). */
export const DraftErrorsSchema = z.object({
  step: ReturnStepNameSchema,
  form: z.array(z.string().max(200)).max(20),
  /** By line id, then by field (`quantity`, `reasonId`, `photos`, `conditions`, `note`). */
  lines: z.record(z.string().max(200), z.record(z.string().max(50), z.array(z.string().max(200)).max(10))),
});
export type DraftErrors = z.infer<typeof DraftErrorsSchema>;

export const ReturnDraftSchema = z.object({
  idempotencyKey: z.uuid(),
  /** Chosen items by fulfillment line id, in the order they were chosen. */
  lines: z.record(z.string().max(200), DraftLineSchema),
  refundMethod: z.enum(['original_payment', 'store_credit']).nullable(),
  /** Set once sent: every later visit of the flow shows this case. */
  submittedCaseId: z.string().max(50).nullable(),
  errors: DraftErrorsSchema.nullable(),
});
export type ReturnDraft = z.infer<typeof ReturnDraftSchema>;

export const newReturnDraft = (idempotencyKey: string): ReturnDraft => ({ idempotencyKey, lines: {}, refundMethod: null, submittedCaseId: null, errors: null });

export type ItemsAnswer = { lineId: string; selected: boolean; quantity: number };

/**
 * The items step: chosen lines join the draft (keeping what they already had), unchosen ones
 * leave it. Only lines the shopper may return (`returnable`: line id → units) are taken; the
 * returned list names photo keys of dropped lines, to delete.
 */
export function applyItems(draft: ReturnDraft, answers: readonly ItemsAnswer[], returnable: ReadonlyMap<string, number>): { draft: ReturnDraft; dropped: string[] } {
  const lines = { ...draft.lines };
  const dropped: string[] = [];
  for (const answer of answers) {
    if (!returnable.has(answer.lineId)) continue;
    const kept = lines[answer.lineId];
    if (!answer.selected) {
      if (kept) dropped.push(...kept.photoKeys);
      delete lines[answer.lineId];
      continue;
    }
    const quantity = Math.max(1, Math.min(999, Math.trunc(answer.quantity) || 1));
    lines[answer.lineId] = kept ? { ...kept, quantity } : { quantity, reasonId: null, note: '', photoKeys: [], conditions: [], exchange: null };
  }
  return { draft: { ...draft, lines }, dropped };
}

export type WhyAnswer = { lineId: string; reasonId: string | null; note: string; conditions: readonly string[]; removePhotos: readonly string[] };

/** The why step: reason, note and confirmed conditions per chosen item; photos removed. */
export function applyWhy(draft: ReturnDraft, answers: readonly WhyAnswer[]): { draft: ReturnDraft; removed: string[] } {
  const lines = { ...draft.lines };
  const removed: string[] = [];
  for (const answer of answers) {
    const line = lines[answer.lineId];
    if (!line) continue;
    const gone = line.photoKeys.filter((key) => answer.removePhotos.includes(key));
    removed.push(...gone);
    lines[answer.lineId] = {
      ...line,
      reasonId: answer.reasonId,
      // Another reason may not allow an exchange: the choice is made again on the next step.
      exchange: answer.reasonId === line.reasonId ? line.exchange : null,
      note: answer.note,
      conditions: [...new Set(answer.conditions)],
      photoKeys: line.photoKeys.filter((key) => !gone.includes(key)),
    };
  }
  return { draft: { ...draft, lines }, removed };
}

/** Photos accepted for one item join it, up to the per-item limit; returns the keys that did not fit. */
export function addDraftPhotos(draft: ReturnDraft, lineId: string, keys: readonly string[]): { draft: ReturnDraft; refused: string[] } {
  const line = draft.lines[lineId];
  if (!line) return { draft, refused: [...keys] };
  const room = Math.max(0, MAX_PHOTOS_PER_LINE - line.photoKeys.length);
  return {
    draft: { ...draft, lines: { ...draft.lines, [lineId]: { ...line, photoKeys: [...line.photoKeys, ...keys.slice(0, room)] } } },
    refused: keys.slice(room),
  };
}

export const applyRefund = (draft: ReturnDraft, refundMethod: ReturnDraft['refundMethod']): ReturnDraft => ({ ...draft, refundMethod });

/** Every photo key of the draft. */
export const draftPhotoKeys = (draft: ReturnDraft): string[] => Object.values(draft.lines).flatMap((line) => line.photoKeys);
