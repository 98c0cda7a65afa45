import type { Language } from '~/i18n';
import { acceptPhotos } from '~/photos/accept-photos.server';
import type { PhotoStore } from '~/photos/photo-store';
import type { ReturnQuote } from '~/policy/quote-return';
import { signPhotoKey, verifyPhotoKey } from './photo-keys';
import type { ReturnForm } from './return-form';
import { prepareReturn, reviewReturn, submitReturn, type PreparedReturn, type ReturnDeps } from './return-request';

export type ReturnFlowDeps = ReturnDeps & { photos: PhotoStore };

/** Signed photo keys per form line index, to carry to the next step. */
export type CarriedPhotos = Record<number, string[]>;

export type ReturnStep =
  | { step: 'form'; formErrors: string[]; fieldErrors: Record<string, string[]>; photos: CarriedPhotos }
  | { step: 'review'; quote: ReturnQuote; prepared: PreparedReturn; photos: CarriedPhotos }
  | { step: 'submitted'; caseId: string }
  | { step: 'gone' };

const MAX_PHOTOS_PER_LINE = 5;

const PHOTO_ERRORS: Record<string, string> = {
  notAnImage: 'returns:errors.photoNotAnImage',
  tooLarge: 'returns:errors.photoTooLarge',
  tooManyPixels: 'returns:errors.photoTooManyPixels',
  unsupportedType: 'returns:errors.photoUnsupported',
  corrupt: 'returns:errors.photoCorrupt',
  tooManyFiles: 'returns:errors.tooManyPhotos',
};

/** Keeps this session's earlier photos and stores new ones; nothing of a refused batch is kept. */
async function collectPhotos(deps: ReturnFlowDeps, form: ReturnForm, sessionId: string) {
  const photos: CarriedPhotos = {};
  const keys: Record<string, string[]> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [index, line] of form.lines.entries()) {
    const kept = line.photoKeys.map((signed) => verifyPhotoKey(signed, sessionId, deps.hashId)).filter((key): key is string => key !== null);
    let added: string[] = [];
    if (line.photos.length > 0) {
      const accepted = await acceptPhotos(line.photos, { store: deps.photos, maxFiles: MAX_PHOTOS_PER_LINE });
      if (accepted.ok) added = accepted.photos.map((photo) => photo.key);
      else fieldErrors[`lines[${index}].photos`] = [...new Set(accepted.errors.map((error) => PHOTO_ERRORS[error.reason] ?? 'returns:errors.photoCorrupt'))];
    }
    const all = [...kept, ...added];
    if (all.length > MAX_PHOTOS_PER_LINE) fieldErrors[`lines[${index}].photos`] = ['returns:errors.tooManyPhotos'];
    keys[line.fulfillmentLineItemId] = all.slice(0, MAX_PHOTOS_PER_LINE);
    photos[index] = keys[line.fulfillmentLineItemId]!.map((key) => signPhotoKey(key, sessionId, deps.hashId));
  }
  return { photos, keys, fieldErrors };
}

/**
 * One step of the return form: re-decides with the current policy and Shopify's current
 * returnable units (hidden fields are never trusted), then shows errors, the review, or opens
 * the case. Photos added at any step are kept for the next.
 */
export async function runReturnStep(
  deps: ReturnFlowDeps,
  input: { form: ReturnForm; orderId: string; orderName: string; sessionId: string; language: Language; ticketId?: number | null },
  now: Date,
): Promise<ReturnStep> {
  const { form } = input;
  // A form sent again (double tap, retry after a lost answer) is the case it already opened,
  // before its own units, now pending, make it look invalid.
  if (form.intent === 'submit') {
    const opened = await deps.cases.findCaseByIdempotencyKey(form.idempotencyKey, input.orderId);
    if (opened) return { step: 'submitted', caseId: opened.id };
  }
  const prepared = await prepareReturn(deps, input.orderId, now);
  if (!prepared) return { step: 'gone' };
  const collected = await collectPhotos(deps, form, input.sessionId);
  if (form.intent === 'edit') return { step: 'form', formErrors: [], fieldErrors: {}, photos: collected.photos };

  const counts = Object.fromEntries(Object.entries(collected.keys).map(([id, keys]) => [id, keys.length]));
  const review = reviewReturn(deps, prepared, form, counts);
  const indexOf = new Map(form.lines.map((line, index) => [line.fulfillmentLineItemId, index]));
  if (!review.ok || Object.keys(collected.fieldErrors).length > 0) {
    const fieldErrors = { ...collected.fieldErrors };
    if (!review.ok) {
      for (const [id, keys] of Object.entries(review.lineErrors)) {
        const index = indexOf.get(id) ?? 0;
        // Missing photos are shown by the photo input; every other line error by the quantity.
        const photoKeys = keys.filter((key) => key === 'policy:quote.photosRequired');
        const otherKeys = keys.filter((key) => key !== 'policy:quote.photosRequired');
        if (photoKeys.length) fieldErrors[`lines[${index}].photos`] = [...(fieldErrors[`lines[${index}].photos`] ?? []), ...photoKeys];
        if (otherKeys.length) fieldErrors[`lines[${index}].quantity`] = otherKeys;
      }
    }
    return { step: 'form', formErrors: review.ok ? [] : review.formErrors, fieldErrors, photos: collected.photos };
  }
  if (form.intent === 'review') return { step: 'review', quote: review.quote, prepared, photos: collected.photos };

  const submitted = await submitReturn(
    deps,
    {
      prepared, quote: review.quote, form, photoIds: collected.keys, orderName: input.orderName, language: input.language,
      idempotencyKey: form.idempotencyKey, ticketId: input.ticketId ?? null,
    },
    now,
  );
  return submitted.ok ? { step: 'submitted', caseId: submitted.case.id } : { step: 'gone' };
}
