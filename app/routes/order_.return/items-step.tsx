import { useTranslation } from 'react-i18next';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { useCalendarDate, useFormatters } from '~/components/format';
import { ItemPicture } from '~/routes/order/item-list';
import { choiceCardClass, FieldError, inputClass, lineErrors, StepForm } from './step-parts';

/** Step 1: the returnable items as picture cards; a chosen card asks how many. */
export function ItemsStep({ view }: { view: ReturnStepView }) {
  const { t } = useTranslation(['returns', 'policy']);
  const format = useFormatters();
  const calendar = useCalendarDate();
  const eligible = view.form.lines.filter((line) => line.decision !== 'not_eligible' && line.returnableQuantity > 0);
  return (
    <StepForm step="items">
      <fieldset>
        <legend className="text-xl font-bold text-brand-900">{t('items.title')}</legend>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {eligible.map((line, index) => {
            const id = `item-${index}`;
            const answer = view.answers[line.fulfillmentLineItemId];
            const errors = lineErrors(view, line.fulfillmentLineItemId, 'quantity').map((key) => t(key, { count: line.returnableQuantity }));
            return (
              <li key={line.fulfillmentLineItemId} data-choice="" className={choiceCardClass}>
                <input type="hidden" name={`lines[${index}].id`} value={line.fulfillmentLineItemId} />
                <label htmlFor={`${id}-chosen`} className="flex cursor-pointer gap-3 p-3">
                  <input
                    id={`${id}-chosen`} type="checkbox" name={`lines[${index}].selected`} value="on" data-chooser="" defaultChecked={answer !== undefined}
                    aria-invalid={errors.length > 0 || undefined} aria-describedby={errors.length ? `${id}-error` : undefined}
                    className="mt-1 size-6 shrink-0 accent-brand-700"
                  />
                  <ItemPicture image={line.image} />
                  <span className="min-w-0">
                    <span className="block font-semibold">{line.title}</span>
                    {line.variantTitle ? <span className="block text-sm text-gray-700">{line.variantTitle}</span> : null}
                    <span className="block text-sm text-gray-800">{format.money(line.unitPrice)}</span>
                    {line.lastDay ? <span className="block text-sm text-gray-700">{t('lines.returnableUntil', { date: calendar(line.lastDay) })}</span> : null}
                    {line.decision === 'needs_review' ? <span className="block text-sm text-amber-900">{t('policy:decision.needs_review')}</span> : null}
                  </span>
                </label>
                <div data-revealed="" className="px-3 pb-3">
                  {line.returnableQuantity > 1 ? (
                    <>
                      <label htmlFor={`${id}-quantity`} className="block text-sm font-semibold">{t('lines.quantity')}</label>
                      <select id={`${id}-quantity`} name={`lines[${index}].quantity`} defaultValue={String(answer?.quantity ?? 1)} className={inputClass}>
                        {Array.from({ length: line.returnableQuantity }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
                      </select>
                    </>
                  ) : (
                    <input type="hidden" name={`lines[${index}].quantity`} value="1" />
                  )}
                </div>
                <div className="px-3 pb-2"><FieldError id={`${id}-error`} messages={errors} /></div>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </StepForm>
  );
}
