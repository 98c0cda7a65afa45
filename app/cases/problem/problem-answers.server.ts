import type { PendingPhotos } from '~/photos/photo-store';
import type { Order } from '~/orders/types';
import type { Policy } from '~/policy/policy-schema';
import { decideProblem, type ProblemDecision, type ProblemOption, type ReportedLine } from '~/policy/problems';
import { PROBLEM_DESCRIPTION_MAX, PROBLEM_PHOTOS_MAX } from './details';
import type { ProblemPost } from './problem-form';
import { noErrors, type ProblemAnswers, type ProblemErrors } from './problem-view';

type Offered = Extract<ProblemOption, { offered: true }>;

/** Reports the shopper must explain in words: nothing else says what happened. */
const DESCRIBED = new Set(['delivery_question', 'delivered_not_found']);

/** How many photos a report takes: at least the policy's, five unless it asks for more. */
export const maxPhotosOf = (option: Pick<Offered, 'photos'>) => Math.min(PROBLEM_PHOTOS_MAX, Math.max(5, option.photos));

/** The answers as posted, laid over the parcel's lines, so every line is drawn again with its choice. */
export function toAnswers(post: Pick<ProblemPost, 'parcelId' | 'type' | 'idempotencyKey' | 'description' | 'lines'>, option: Offered, photoKeys: string[]): ProblemAnswers {
  const posted = new Map((post.lines ?? []).map((line) => [line.lineItemId, line]));
  return {
    parcelId: post.parcelId, type: post.type, idempotencyKey: post.idempotencyKey, description: post.description ?? '', photoKeys,
    lines: option.lines.map(({ lineItemId }) => {
      const line = posted.get(lineItemId);
      return { lineItemId, selected: option.lines.length === 1 || line?.selected === true, quantity: line?.quantity ?? 1 };
    }),
  };
}

/** A fresh report of one type about one parcel: with a single item, that item is chosen already. */
export const newAnswers = (parcelId: string, option: Offered, idempotencyKey: string): ProblemAnswers =>
  toAnswers({ parcelId, type: option.type, idempotencyKey, description: '', lines: [] }, option, []);

/** The photo keys posted back that are still this session's pending photos, once each. */
export async function keepOwnKeys(pending: PendingPhotos, keys: readonly string[]): Promise<string[]> {
  const unique = [...new Set(keys)];
  const found = await Promise.all(unique.map(async (key) => ((await pending.get(key)) ? key : null)));
  return found.filter((key): key is string => key !== null);
}

/**
 * The answers decided by the policy now (never by the page): the description's rules, then
 * `decideProblem` over the chosen lines and the photos kept. Errors come back keyed for the page.
 */
export function decideAnswers(
  input: { policy: Policy; order: Order; now: Date; timeZone: string },
  option: Offered,
  answers: ProblemAnswers,
): { decision: ProblemDecision | null; errors: ProblemErrors } {
  const errors = noErrors();
  const description = answers.description.trim();
  if (description.length > PROBLEM_DESCRIPTION_MAX) errors.description.push('problem:errors.descriptionTooLong');
  else if (DESCRIBED.has(answers.type) && description.length === 0) errors.description.push(`problem:errors.descriptionRequired.${answers.type}`);
  const chosen: ReportedLine[] = answers.lines.filter((line) => line.selected).map(({ lineItemId, quantity }) => ({ lineItemId, quantity }));
  const report = { type: answers.type, parcelId: answers.parcelId, photos: answers.photoKeys.length, ...(option.scope === 'lines' ? { lines: chosen } : {}) };
  const decision = decideProblem(input.policy, input.order, report, input.now, input.timeZone);
  if (!decision.ok && 'errors' in decision) {
    for (const error of decision.errors) {
      const [field, index] = error.path;
      const lineId = typeof index === 'number' ? chosen[index]?.lineItemId : undefined;
      if (field === 'photos') errors.photos.push({ name: null, key: error.key, values: { required: Number(error.facts['required'] ?? 1) } });
      else if (field === 'lines' && lineId) (errors.lines[lineId] ??= []).push(error.key);
      else errors.form.push(error.key);
    }
  }
  return { decision, errors };
}
