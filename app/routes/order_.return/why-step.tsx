import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS_PER_LINE } from '~/cases/drafts/return-draft';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import type { ReturnFormView, ReturnLineView } from '~/cases/return/return-view';
import { ItemPicture } from '~/routes/order/item-list';
import { PhotoField } from './photo-field';
import { cardClass, choiceCardClass, FieldError, inputClass, lineErrors, StepForm } from './step-parts';

/** Step 2: per chosen item, the reason; the reason's checks and photos show once it is chosen. */
export function WhyStep({ view }: { view: ReturnStepView }) {
  const { t } = useTranslation('returns');
  const chosen = view.form.lines.filter((line) => view.answers[line.fulfillmentLineItemId]);
  return (
    <StepForm step="why">
      <h2 className="text-xl font-bold text-brand-900">{t('why.title')}</h2>
      {chosen.map((line, index) => <WhyLine key={line.fulfillmentLineItemId} view={view} line={line} index={index} />)}
    </StepForm>
  );
}

function WhyLine({ view, line, index }: { view: ReturnStepView; line: ReturnLineView; index: number }) {
  const { t } = useTranslation('returns');
  const answer = view.answers[line.fulfillmentLineItemId]!;
  const id = `line-${index}`;
  const errorsOf = (field: string) => lineErrors(view, line.fulfillmentLineItemId, field);
  const reasonErrors = errorsOf('reasonId').map((key) => t(key));
  const conditionErrors = errorsOf('conditions').map((key) => t(key));
  return (
    <section aria-labelledby={`${id}-title`} className={`${cardClass} space-y-4`}>
      <input type="hidden" name={`lines[${index}].id`} value={line.fulfillmentLineItemId} />
      <div className="flex gap-3">
        <ItemPicture image={line.image} />
        <div className="min-w-0">
          <h3 id={`${id}-title`} className="font-semibold">{line.title}</h3>
          {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
          <p className="text-sm text-gray-700">{t('why.returning', { count: answer.quantity })}</p>
        </div>
      </div>
      <fieldset aria-describedby={reasonErrors.length || conditionErrors.length ? `${id}-reason-error` : undefined}>
        <legend className="font-semibold">{t('lines.reason')}</legend>
        <FieldError id={`${id}-reason-error`} messages={[...reasonErrors, ...conditionErrors]} />
        <div className="mt-2 space-y-2">
          {view.form.reasons.map((reason) => (
            <ReasonChoice key={reason.id} reason={reason} name={`lines[${index}]`} id={`${id}-${reason.id}`} checked={answer.reasonId === reason.id} confirmed={answer.conditions} invalid={reasonErrors.length > 0} />
          ))}
        </div>
      </fieldset>
      <PhotoField id={`${id}-photos`} name={`lines[${index}].photos`} photos={answer.photos} max={MAX_PHOTOS_PER_LINE} errors={errorsOf('photos').map((key) => t(key, { count: key === 'policy:quote.photosRequired' ? view.form.reasons.find((r) => r.id === answer.reasonId)?.photos ?? 1 : MAX_PHOTOS_PER_LINE }))} />
      <div>
        <label htmlFor={`${id}-note`} className="block font-semibold">{t('lines.note')}</label>
        <textarea id={`${id}-note`} name={`lines[${index}].note`} defaultValue={answer.note} maxLength={300} rows={2} className={inputClass} />
        <FieldError id={`${id}-note-error`} messages={errorsOf('note').map((key) => t(key))} />
      </div>
    </section>
  );
}

function ReasonChoice(props: { reason: ReturnFormView['reasons'][number]; name: string; id: string; checked: boolean; confirmed: string[]; invalid: boolean }) {
  const { t } = useTranslation('returns');
  const { reason, id } = props;
  return (
    <div data-choice="" className={choiceCardClass}>
      <label htmlFor={id} className="flex min-h-12 cursor-pointer items-center gap-3 px-3 py-2 font-medium">
        <input id={id} type="radio" name={`${props.name}.reasonId`} value={reason.id} data-chooser="" defaultChecked={props.checked} aria-invalid={props.invalid || undefined} className="size-6 shrink-0 accent-brand-700" />
        {reason.label}
      </label>
      <div data-revealed="" className="space-y-2 px-3 pb-3 text-gray-800">
        {reason.photos > 0 ? <p className="font-medium">{t('why.photosNeeded', { count: reason.photos, max: MAX_PHOTOS_PER_LINE })}</p> : null}
        {reason.conditions.length > 0 ? (
          <fieldset>
            <legend className="text-sm font-semibold">{t('why.conditions')}</legend>
            {reason.conditions.map((condition) => (
              <label key={condition.id} className="flex min-h-11 cursor-pointer items-center gap-3">
                <input type="checkbox" name={`${props.name}.conditions`} value={`${reason.id}:${condition.id}`} defaultChecked={props.checked && props.confirmed.includes(condition.id)} className="size-5 shrink-0 accent-brand-700" />
                {condition.label}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="text-sm">{t('why.noConditions')}</p>
        )}
      </div>
    </div>
  );
}
