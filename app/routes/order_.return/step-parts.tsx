import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnStepName } from '~/cases/drafts/return-draft';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { PostForm } from '~/components/form/post-form';

export const stepUrl = (step: ReturnStepName) => `/order/return?step=${step}`;

export const cardClass = 'rounded-lg bg-white p-4 shadow-sm sm:p-5';
export const primaryButtonClass = 'min-h-12 w-full rounded-md bg-brand-700 px-5 py-3 text-lg font-semibold text-white hover:bg-brand-900 sm:w-auto';
export const inputClass = 'block min-h-12 w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base';
/** A choice drawn as a card: big to tap, outlined once chosen. */
export const choiceCardClass = 'rounded-lg border-2 border-gray-300 bg-white has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50';

/** The errors one field of one item got at the last post, translated, with an id to point at. */
export function lineErrors(view: ReturnStepView, lineId: string, field: string): string[] {
  return view.errors?.lines[lineId]?.[field] ?? [];
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return <p id={id} className="mt-1 text-sm font-semibold text-red-800">{messages.join(' ')}</p>;
}

/** One step's form: posts to the step's own address, with the step named and a Continue button. */
export function StepForm({ step, children, submit }: { step: ReturnStepName; children: ReactNode; submit?: ReactNode }) {
  const { t } = useTranslation('returns');
  return (
    <PostForm action={stepUrl(step)} encType="multipart/form-data" className="space-y-5">
      <input type="hidden" name="step" value={step} />
      {children}
      {submit ?? <button type="submit" name="intent" value="next" className={primaryButtonClass}>{t('steps.continue')}</button>}
    </PostForm>
  );
}
