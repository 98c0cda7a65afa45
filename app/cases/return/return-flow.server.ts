import { randomUUID } from 'node:crypto';
import type { PhotoStore } from '~/photos/photo-store';
import { getReasonConditions } from '~/policy/policy-schema';
import type { ReturnQuote } from '~/policy/quote-return';
import { checkStep, firstIncompleteStep, nextStep, reachableStep, type StepFacts } from '../drafts/draft-steps';
import type { ReturnDraftStore } from '../drafts/draft-store';
import {
  addDraftPhotos, applyItems, applyRefund, applyWhy, MAX_PHOTOS_PER_LINE, newReturnDraft, ReturnStepNameSchema,
  type DraftErrors, type ReturnDraft, type ReturnStepName,
} from '../drafts/return-draft';
import { applyOutcomes, checkExchanges, type LineOffers } from './exchange-choice';
import { loadExchangeOffers, type ExchangeOfferDeps } from './exchange-offers.server';
import { conditionsForReason, type ReturnStepForm, type WhyStepForm } from './return-form';
import { acceptLinePhotos } from './return-photos.server';
import { prepareReturn, reviewReturn, submitReturn, type PreparedReturn, type ReturnDeps } from './return-request';

export type ReturnFlowDeps = ReturnDeps & ExchangeOfferDeps & { photos: PhotoStore; drafts: ReturnDraftStore };
export type Shopper = { orderId: string; orderName: string; sessionId: string; language: string; ticketId?: number | null };

export const stepUrl = (step: ReturnStepName) => `/order/return?step=${step}`;

export type ReturnPage =
  | { kind: 'redirect'; location: string }
  | { kind: 'gone' }
  | {
      kind: 'page'; step: ReturnStepName; draft: ReturnDraft; prepared: PreparedReturn; errors: DraftErrors | null; quote: ReturnQuote | null;
      /** The chosen lines' exchange offers, read on the refund and review steps (null elsewhere). */
      offers: LineOffers | null;
      /** The first step not done yet: every step up to it can be opened. */
      furthest: ReturnStepName;
    };

/** What every check is made against: Shopify's returnable units now and the policy now. */
export function toStepFacts(deps: Pick<ReturnDeps, 'policy'>, prepared: PreparedReturn, exchanges: LineOffers | null = null): StepFacts {
  const { policy } = deps;
  return {
    exchanges,
    returnable: new Map(prepared.decision.lines.filter((line) => line.decision !== 'not_eligible' && line.returnableQuantity > 0).map((line) => [line.fulfillmentLineItemId, line.returnableQuantity])),
    reasons: policy.reasons.map((reason) => ({ id: reason.id, photos: reason.photos, conditions: getReasonConditions(policy, reason.id) })),
    refundMethods: [...(policy.refunds.originalPayment ? ['original_payment'] : []), ...(policy.refunds.storeCredit.enabled ? ['store_credit'] : [])],
  };
}

const ownerOf = (deps: ReturnFlowDeps, sessionId: string) => deps.hashId(`photo-owner|${sessionId}`);

/**
 * A GET of the flow. No step named: the way in from the order page, which starts a draft (or
 * resumes an unsent one) on its first step. A sent draft shows its case on every step's address,
 * so Back after sending lands there.
 */
export async function loadReturnStep(deps: ReturnFlowDeps, shopper: Shopper, requested: string | null, now: Date): Promise<ReturnPage> {
  const found = await deps.drafts.get(shopper.sessionId, shopper.orderId);
  // The way in shows the first step at once, with no redirect: a post refused before it was read
  // (413, 400, 403) is answered with this page and keeps its status.
  let draft = found;
  if (requested === null && (!draft || draft.submittedCaseId)) {
    draft = newReturnDraft(randomUUID());
    await deps.drafts.save(shopper.sessionId, shopper.orderId, draft, now);
  }
  if (draft?.submittedCaseId) return { kind: 'redirect', location: `/cases/${draft.submittedCaseId}` };
  if (!draft) return { kind: 'redirect', location: '/order/return' };
  const prepared = await prepareReturn(deps, shopper.orderId, now);
  if (!prepared) return { kind: 'gone' };
  const wanted = ReturnStepNameSchema.safeParse(requested);
  // The exchange offers ask Shopify for stock: read where they are shown or checked.
  const offers = wanted.success && (wanted.data === 'refund' || wanted.data === 'review') ? await loadExchangeOffers(deps, prepared, draft) : null;
  const facts = toStepFacts(deps, prepared, offers);
  const step = reachableStep(wanted.success ? wanted.data : 'items', draft, facts);
  if (requested !== null && step !== requested) return { kind: 'redirect', location: stepUrl(step) };
  const errors = draft.errors?.step === step ? draft.errors : null;
  const quote = step === 'review' ? reviewReturn(deps, prepared, draft).quote : null;
  return { kind: 'page', step, draft, prepared, errors, quote, offers, furthest: firstIncompleteStep(draft, facts) };
}

/** Folds two sets of errors of one step into one. */
function mergeErrors(step: ReturnStepName, ...all: (DraftErrors | null)[]): DraftErrors | null {
  const found = all.filter((errors): errors is DraftErrors => errors !== null);
  if (found.length === 0) return null;
  const lines: DraftErrors['lines'] = {};
  for (const errors of found) {
    for (const [id, fields] of Object.entries(errors.lines)) {
      for (const [field, keys] of Object.entries(fields)) (lines[id] ??= {})[field] = [...new Set([...(lines[id]?.[field] ?? []), ...keys])];
    }
  }
  return { step, form: [...new Set(found.flatMap((errors) => errors.form))], lines };
}

/** The why step's answers, and its new photos: each good file kept, each bad one named. */
async function postWhy(deps: ReturnFlowDeps, shopper: Shopper, draft: ReturnDraft, form: WhyStepForm, oversized: readonly string[]): Promise<{ draft: ReturnDraft; errors: DraftErrors | null }> {
  const pending = deps.photos.pending(ownerOf(deps, shopper.sessionId));
  const answered = applyWhy(draft, form.lines.map((line) => ({
    lineId: line.id,
    reasonId: line.reasonId || null,
    note: line.note ?? '',
    conditions: conditionsForReason(line.conditions, line.reasonId),
    removePhotos: form.removePhoto ? [form.removePhoto] : [],
  })));
  await Promise.all(answered.removed.map((key) => pending.delete(key)));
  let next = answered.draft;
  const lines: DraftErrors['lines'] = {};
  for (const id of oversized) if (next.lines[id]) lines[id] = { photos: ['returns:errors.photoTooLarge'] };
  for (const line of form.lines) {
    const kept = next.lines[line.id];
    if (!kept || !line.photos?.length) continue;
    const accepted = await acceptLinePhotos(pending, line.photos, Math.max(0, MAX_PHOTOS_PER_LINE - kept.photoKeys.length));
    next = addDraftPhotos(next, line.id, accepted.keys).draft;
    if (accepted.errors.length) lines[line.id] = { photos: [...new Set([...(lines[line.id]?.photos ?? []), ...accepted.errors])] };
  }
  return { draft: next, errors: Object.keys(lines).length ? { step: 'why', form: [], lines } : null };
}

/** Opens the case from a complete draft; the draft then remembers it. */
async function submitDraft(deps: ReturnFlowDeps, shopper: Shopper, draft: ReturnDraft, prepared: PreparedReturn, now: Date): Promise<{ draft: ReturnDraft; errors: DraftErrors | null }> {
  // Stock is read again, past the cache: a size sold out since the page was drawn sends the
  // shopper back to choose another, with everything else they gave kept.
  const offers = Object.values(draft.lines).some((line) => line.exchange) ? await loadExchangeOffers(deps, prepared, draft, { fresh: true }) : new Map();
  const soldOut = checkExchanges(draft, offers);
  if (Object.keys(soldOut).length > 0) {
    const lines = Object.fromEntries(Object.entries(soldOut).map(([id, keys]) => [id, { exchange: keys }]));
    return { draft, errors: { step: 'refund', form: ['returns:errors.exchangeChanged'], lines } };
  }
  const review = reviewReturn(deps, prepared, draft);
  if (!review.ok) {
    const lines = Object.fromEntries(Object.entries(review.lineErrors).map(([id, keys]) => [id, { quantity: keys }]));
    return { draft, errors: { step: 'review', form: review.formErrors, lines } };
  }
  const pending = deps.photos.pending(ownerOf(deps, shopper.sessionId));
  // The case is opened with the photos still there: a pending one swept meanwhile is left out.
  const photoIds: Record<string, string[]> = {};
  for (const [id, line] of Object.entries(draft.lines)) photoIds[id] = await pending.keep(line.photoKeys);
  const submitted = await submitReturn(deps, { prepared, quote: review.quote, draft, offers, photoIds, orderName: shopper.orderName, language: shopper.language, ticketId: shopper.ticketId ?? null }, now);
  if (!submitted.ok) return { draft, errors: { step: 'review', form: ['policy:quote.policyChanged'], lines: {} } };
  return { draft: { ...draft, submittedCaseId: submitted.case.id, errors: null }, errors: null };
}

/**
 * A POST of the flow: the step's answers go into the draft (every one that could be read, even
 * when another fails), the draft is saved, and the answer is where to go next: the same step with
 * its errors, the next step, or the case once sent. Re-decided every time with the current policy
 * and Shopify's current returnable units; nothing on the page is trusted.
 */
export async function postReturnStep(
  deps: ReturnFlowDeps,
  shopper: Shopper,
  form: ReturnStepForm | { step: ReturnStepName; unreadable: true },
  now: Date,
  /** Line ids whose photo input held a file too large, dropped as it was read (read-form). */
  oversized: readonly string[] = [],
): Promise<{ location: string } | { gone: true }> {
  const found = await deps.drafts.get(shopper.sessionId, shopper.orderId);
  if (found?.submittedCaseId) return { location: `/cases/${found.submittedCaseId}` };
  if (!found) return { location: '/order/return' };
  const prepared = await prepareReturn(deps, shopper.orderId, now);
  if (!prepared) return { gone: true };
  // Sent twice at once, here or to another process: the first one's case, before its units (now
  // in that case) fail the second. Looked for after what is left to return was read, so a case
  // whose units that read already missed is found here, whichever process opened it.
  if (form.step === 'review') {
    const opened = await deps.cases.findCaseByIdempotencyKey(found.idempotencyKey, shopper.orderId);
    if (opened) return { location: `/cases/${opened.id}` };
  }
  let facts = toStepFacts(deps, prepared);
  const save = async (draft: ReturnDraft, errors: DraftErrors | null, step: ReturnStepName) => {
    await deps.drafts.save(shopper.sessionId, shopper.orderId, { ...draft, errors }, now);
    return { location: stepUrl(errors ? errors.step : step) };
  };
  if ('unreadable' in form) return save(found, { step: form.step, form: ['common:errors.formUnreadable'], lines: {} }, form.step);

  let draft = found;
  let errors: DraftErrors | null = null;
  switch (form.step) {
    case 'items': {
      const result = applyItems(draft, form.lines.map((line) => ({ lineId: line.id, selected: line.selected === true, quantity: line.quantity ?? 1 })), facts.returnable);
      const pending = deps.photos.pending(ownerOf(deps, shopper.sessionId));
      await Promise.all(result.dropped.map((key) => pending.delete(key)));
      draft = result.draft;
      break;
    }
    case 'why':
      ({ draft, errors } = await postWhy(deps, shopper, draft, form, oversized));
      break;
    case 'refund': {
      const offers = await loadExchangeOffers(deps, prepared, draft);
      const chosen = applyOutcomes(applyRefund(draft, form.refundMethod ?? null), form.lines.map((line) => ({ lineId: line.id, choice: line.choice ?? null })), offers);
      draft = chosen.draft;
      facts = toStepFacts(deps, prepared, offers);
      if (Object.keys(chosen.errors).length > 0) {
        errors = { step: 'refund', form: [], lines: Object.fromEntries(Object.entries(chosen.errors).map(([id, keys]) => [id, { exchange: keys }])) };
      }
      // The policy may not allow a method for a reason (a wrong item: no store credit).
      const review = checkStep('refund', draft, facts) ? null : reviewReturn(deps, prepared, draft);
      if (review && !review.ok) errors = mergeErrors('refund', errors, { step: 'refund', form: [...review.formErrors, ...Object.values(review.lineErrors).flat()], lines: {} });
      break;
    }
    case 'review': {
      if (firstIncompleteStep(draft, facts) !== 'review') break;
      const sent = await submitDraft(deps, shopper, draft, prepared, now);
      if (!sent.errors) {
        await deps.drafts.save(shopper.sessionId, shopper.orderId, sent.draft, now);
        return { location: `/cases/${sent.draft.submittedCaseId}` };
      }
      return save(draft, sent.errors, sent.errors.step);
    }
  }
  // Removing a photo, like any "save", stays on the step and shows only what went wrong in it.
  if (form.intent === 'save' || (form.step === 'why' && form.removePhoto)) return save(draft, errors, form.step);
  errors = mergeErrors(form.step, errors, checkStep(form.step, draft, facts));
  if (errors) return save(draft, errors, form.step);
  return save(draft, null, form.step === 'review' ? 'review' : reachableStep(nextStep(form.step) ?? 'review', draft, facts));
}

