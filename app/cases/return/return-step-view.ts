import type { Language } from '~/i18n';
import type { ExchangeOffer } from '~/policy/exchange-options';
import type { Policy } from '~/policy/policy-schema';
import type { DraftErrors, ReturnStepName } from '../drafts/return-draft';
import { planExchanges } from './exchange-choice';
import type { ReturnPage } from './return-flow.server';
import { toReturnFormView, toReturnReviewView, type ReturnFormView, type ReturnReviewView } from './return-view';

/** One chosen item's answers as the page shows them; photos as thumbnails this session may load. */
export type DraftLineView = {
  quantity: number; reasonId: string | null; note: string; conditions: string[]; photos: { key: string; url: string }[];
  /** The variant chosen instead of a refund, if any. */
  exchange: { productId: string; variantId: string } | null;
};

export type ReturnStepView = {
  step: ReturnStepName;
  /** Every step up to this one can be opened (the progress links). */
  furthest: ReturnStepName;
  form: ReturnFormView;
  answers: Record<string, DraftLineView>;
  refundMethod: string | null;
  errors: DraftErrors | null;
  review: ReturnReviewView | null;
  /** Each chosen line's exchange offer (the refund step), by line id; absent when not offered. */
  exchanges: Record<string, ExchangeOffer>;
};

/** What one step of the return flow shows: the policy's verdicts and the draft's answers. */
export function toReturnStepView(page: Extract<ReturnPage, { kind: 'page' }>, policy: Policy, language: Language): ReturnStepView {
  const form = toReturnFormView(page.prepared, policy, language);
  const answers = Object.fromEntries(
    Object.entries(page.draft.lines).map(([id, line]) => [
      id,
      { ...line, photos: line.photoKeys.map((key) => ({ key, url: `/photos/${encodeURIComponent(key)}` })) },
    ]),
  );
  return {
    step: page.step,
    furthest: page.furthest,
    form,
    answers,
    refundMethod: page.draft.refundMethod,
    errors: page.errors,
    review: page.quote ? toReturnReviewView(page.quote, form, policy, language, planExchanges(page.draft, page.offers ?? new Map()), page.prepared.context.orderTotal) : null,
    exchanges: Object.fromEntries(page.offers ?? []),
  };
}
