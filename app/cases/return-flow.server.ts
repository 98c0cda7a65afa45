import type { Language } from '~/i18n';
import type { PhotoStore } from '~/photos/photo-store';
import type { ReturnQuote } from '~/policy/quote-return';
import { signPhotoKey, verifyPhotoKey } from './photo-keys';
import type { ReturnForm } from './return-form';
import { addPendingPhotos, chosenFiles, inspectChosen, MAX_PHOTOS_PER_LINE } from './return-photos.server';
import { prepareReturn, reviewReturn, submitReturn, type PreparedReturn, type ReturnDeps } from './return-request';

export type ReturnFlowDeps = ReturnDeps & { photos: PhotoStore };

/** Signed photo keys per form line index, to carry to the next step. */
export type CarriedPhotos = Record<number, string[]>;

export type ReturnStep =
  | { step: 'form'; formErrors: string[]; fieldErrors: Record<string, string[]>; photos: CarriedPhotos }
  | { step: 'review'; quote: ReturnQuote; prepared: PreparedReturn; photos: CarriedPhotos }
  | { step: 'submitted'; caseId: string }
  | { step: 'gone' };

/** Photo keys carried from an earlier step, per line index: only those signed for this session. */
function carriedKeys(deps: ReturnFlowDeps, form: ReturnForm, sessionId: string): Record<number, string[]> {
  return Object.fromEntries(
    form.lines.map((line, index) => [index, line.photoKeys.map((signed) => verifyPhotoKey(signed, sessionId, deps.hashId)).filter((key): key is string => key !== null)]),
  );
}

/** Keys of one step plus another's, per line index. */
const merge = (a: Record<number, string[]>, b: Record<number, string[]>) =>
  Object.fromEntries(Object.entries(a).map(([index, keys]) => [index, [...keys, ...(b[Number(index)] ?? [])]]));

/**
 * One step of the return form: re-decides with the current policy and Shopify's current
 * returnable units (hidden fields are never trusted), then shows errors, the review, or opens
 * the case. Photos are stored (pending, within the session's quota) only once the rest of the
 * form is valid, carried to the next step, and kept when the case opens.
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
  const sign = (photos: Record<number, string[]>): CarriedPhotos =>
    Object.fromEntries(Object.entries(photos).map(([index, keys]) => [index, keys.map((key) => signPhotoKey(key, input.sessionId, deps.hashId))]));
  const carried = carriedKeys(deps, form, input.sessionId);
  if (form.intent === 'edit') return { step: 'form', formErrors: [], fieldErrors: {}, photos: sign(carried) };

  // New files are inspected in memory and counted for the policy (photos required, per reason),
  // but none is stored before every answer of the form is valid.
  const chosen = form.lines.map((line) => chosenFiles(line.photos));
  const inspected = await inspectChosen(chosen);
  const fieldErrors: Record<string, string[]> = { ...inspected.fieldErrors };
  const counts: Record<string, number> = {};
  form.lines.forEach((line, index) => {
    counts[line.fulfillmentLineItemId] = carried[index]!.length + (inspected.prepared[index]?.length ?? 0);
    if (counts[line.fulfillmentLineItemId]! > MAX_PHOTOS_PER_LINE && !fieldErrors[`lines[${index}].photos`]) fieldErrors[`lines[${index}].photos`] = ['returns:errors.tooManyPhotos'];
  });
  const review = reviewReturn(deps, prepared, form, counts);
  const indexOf = new Map(form.lines.map((line, index) => [line.fulfillmentLineItemId, index]));
  if (!review.ok || Object.keys(fieldErrors).length > 0) {
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
    const dropped = chosen.some((files) => files.length > 0) ? ['returns:errors.photosAgain'] : [];
    return { step: 'form', formErrors: [...(review.ok ? [] : review.formErrors), ...dropped], fieldErrors, photos: sign(carried) };
  }

  const pending = deps.photos.pending(deps.hashId(`photo-owner|${input.sessionId}`));
  const added = await addPendingPhotos(pending, inspected.prepared);
  if (!added.ok) return { step: 'form', formErrors: added.formErrors, fieldErrors: {}, photos: sign(carried) };
  const all = merge(carried, added.keys);
  if (form.intent === 'review') return { step: 'review', quote: review.quote, prepared, photos: sign(all) };

  // The case is opened with the photos still there: a pending one swept meanwhile is left out.
  const photoIds: Record<string, string[]> = {};
  for (const [index, line] of form.lines.entries()) photoIds[line.fulfillmentLineItemId] = await pending.keep(all[index] ?? []);
  const submitted = await submitReturn(
    deps,
    {
      prepared, quote: review.quote, form, photoIds, orderName: input.orderName, language: input.language,
      idempotencyKey: form.idempotencyKey, ticketId: input.ticketId ?? null,
    },
    now,
  );
  return submitted.ok ? { step: 'submitted', caseId: submitted.case.id } : { step: 'gone' };
}
