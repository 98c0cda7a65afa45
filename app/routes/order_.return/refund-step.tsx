import { useTranslation } from 'react-i18next';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { choiceCardClass, StepForm } from './step-parts';

/** Step 3: how the money comes back, among the methods the policy offers. */
export function RefundStep({ view }: { view: ReturnStepView }) {
  const { t } = useTranslation('returns');
  const chosen = view.refundMethod ?? view.form.refundMethods[0]?.id;
  return (
    <StepForm step="refund">
      <fieldset className="space-y-3">
        <legend className="text-xl font-bold text-brand-900">{t('refund.title')}</legend>
        {view.form.refundMethods.map((method) => (
          <label key={method.id} className={`${choiceCardClass} flex min-h-14 cursor-pointer items-center gap-3 p-4 font-medium`}>
            <input type="radio" name="refundMethod" value={method.id} defaultChecked={chosen === method.id} className="size-6 shrink-0 accent-brand-700" />
            {method.id === 'store_credit' && method.bonusPercent > 0 ? t('refund.storeCreditBonus', { percent: method.bonusPercent }) : t(`refund.${method.id}`)}
          </label>
        ))}
      </fieldset>
    </StepForm>
  );
}
