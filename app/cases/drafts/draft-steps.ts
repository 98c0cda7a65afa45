import { checkExchanges, type LineOffers } from '../return/exchange-choice';
import { RETURN_STEPS, type DraftErrors, type ReturnDraft, type ReturnStepName } from './return-draft';

/** What the policy and Shopify say today, which every check is made against (never the page). */
export type StepFacts = {
  /** Lines the shopper may return now: fulfillment line id → units. */
  returnable: ReadonlyMap<string, number>;
  /** The policy's reasons: photos needed and condition checks asked. */
  reasons: readonly { id: string; photos: number; conditions: readonly string[] }[];
  refundMethods: readonly string[];
  /** The exchange offers of the chosen lines now, when read (the refund and review steps); null skips those checks. */
  exchanges: LineOffers | null;
};

type LineErrors = DraftErrors['lines'];

function lineErrors(step: ReturnStepName, draft: ReturnDraft, facts: StepFacts): { form: string[]; lines: LineErrors } {
  const form: string[] = [];
  const lines: LineErrors = {};
  const add = (id: string, field: string, key: string) => ((lines[id] ??= {})[field] = [...(lines[id]?.[field] ?? []), key]);
  const chosen = Object.entries(draft.lines);
  switch (step) {
    case 'items':
      if (chosen.length === 0) form.push('returns:errors.nothingSelected');
      for (const [id, line] of chosen) {
        const units = facts.returnable.get(id);
        if (units === undefined) add(id, 'quantity', 'policy:quote.lineNotEligible');
        else if (line.quantity > units) add(id, 'quantity', 'policy:quote.quantityTooHigh');
      }
      break;
    case 'why':
      for (const [id, line] of chosen) {
        const reason = facts.reasons.find((candidate) => candidate.id === line.reasonId);
        if (line.reasonId === null) add(id, 'reasonId', 'returns:errors.reasonRequired');
        else if (!reason) add(id, 'reasonId', 'policy:quote.reasonUnknown');
        if (line.note.length > 300) add(id, 'note', 'returns:errors.noteTooLong');
        if (!reason) continue;
        if (line.photoKeys.length < reason.photos) add(id, 'photos', 'policy:quote.photosRequired');
        if (!reason.conditions.every((condition) => line.conditions.includes(condition))) add(id, 'conditions', 'returns:errors.conditionsRequired');
      }
      break;
    case 'refund': {
      // A refund method is asked for only when some item comes back as money.
      const refunded = chosen.some(([, line]) => line.exchange === null);
      if (refunded && (!draft.refundMethod || !facts.refundMethods.includes(draft.refundMethod))) form.push('returns:errors.refundMethodRequired');
      if (facts.exchanges) for (const [id, keys] of Object.entries(checkExchanges(draft, facts.exchanges))) for (const key of keys) add(id, 'exchange', key);
      break;
    }
    case 'review':
      break;
  }
  return { form, lines };
}

/** What keeps a step from being done, or null when it is. */
export function checkStep(step: ReturnStepName, draft: ReturnDraft, facts: StepFacts): DraftErrors | null {
  const { form, lines } = lineErrors(step, draft, facts);
  return form.length === 0 && Object.keys(lines).length === 0 ? null : { step, form, lines };
}

/** The first step not done yet; `review` when every answer is there. */
export function firstIncompleteStep(draft: ReturnDraft, facts: StepFacts): ReturnStepName {
  return RETURN_STEPS.find((step) => checkStep(step, draft, facts) !== null) ?? 'review';
}

/** The step to show for a requested one: a later step opens only once every earlier one is done. */
export function reachableStep(requested: ReturnStepName, draft: ReturnDraft, facts: StepFacts): ReturnStepName {
  const first = firstIncompleteStep(draft, facts);
  return RETURN_STEPS.indexOf(requested) <= RETURN_STEPS.indexOf(first) ? requested : first;
}

/** The step after `step`, or null after the review. */
export const nextStep = (step: ReturnStepName): ReturnStepName | null => RETURN_STEPS[RETURN_STEPS.indexOf(step) + 1] ?? null;
