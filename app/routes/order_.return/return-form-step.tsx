import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { ReturnFormView } from '~/cases/return-view';
import { PostForm } from '~/components/form/post-form';
import { useCalendarDate, useFormatters } from '~/components/format';
import { ItemPicture } from '~/routes/order/item-list';
import { RefusedLine } from './refused-line';

type Shape = {
  idempotencyKey: string;
  lines: { fulfillmentLineItemId: string; quantity: string; reasonId: string; note: string; photos?: string }[];
  refundMethod: string;
  conditions: string[];
};

const inputClass = 'block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base';

/** Step 1: which items, how many, why, photos where the policy asks, refund method, conditions. */
export function ReturnFormStep(props: {
  orderName: string;
  contactEmail: string;
  view: ReturnFormView;
  idempotencyKey: string;
  result: SubmissionResult<string[]> | null;
  photos: Record<number, string[]>;
}) {
  const { view } = props;
  const { t } = useTranslation(['returns', 'policy']);
  const format = useFormatters();
  const calendar = useCalendarDate();
  const eligible = view.lines.filter((line) => line.decision !== 'not_eligible');
  const refused = view.lines.filter((line) => line.decision === 'not_eligible');
  const [form, fields] = useForm<Shape>({
    id: 'return',
    lastResult: props.result,
    defaultValue: {
      idempotencyKey: props.idempotencyKey,
      lines: eligible.map((line) => ({ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: '0', reasonId: '', note: '' })),
      refundMethod: view.refundMethods[0]?.id ?? '',
      conditions: [],
    },
  });
  const lineFields = fields.lines.getFieldList();
  const photoReasons = view.reasons.filter((reason) => reason.photos > 0).map((reason) => reason.label).join(', ');
  const errors = form.errors ?? [];
  const idempotencyKey = fields.idempotencyKey.initialValue ?? props.idempotencyKey;
  const photosFor = (reasonId: string | undefined) => view.reasons.find((reason) => reason.id === reasonId)?.photos ?? 1;

  return (
    <section aria-labelledby="return-title" className="space-y-6">
      <header className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="return-title" className="text-2xl font-bold text-brand-900">{t('title', { name: props.orderName })}</h1>
        <p className="mt-2 text-gray-800">{t('intro')}</p>
        <p className="mt-2"><a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('policyLink')}</a></p>
      </header>
      {refused.length > 0 ? (
        <ul className="space-y-3">{refused.map((line) => <RefusedLine key={line.fulfillmentLineItemId} line={line} contact={{ email: props.contactEmail, orderName: props.orderName }} />)}</ul>
      ) : null}
      {eligible.length === 0 ? (
        <p className="rounded-lg bg-white p-5 shadow-sm">{t('errors.nothingReturnable')}</p>
      ) : (
        <PostForm encType="multipart/form-data" {...getFormProps(form)} className="space-y-6">
          {errors.length ? (
            <div id={form.errorId} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
              {errors.map((error) => t(error, { count: 1 })).join(' ')}
            </div>
          ) : null}
          <input type="hidden" name={fields.idempotencyKey.name} value={idempotencyKey} />
          <fieldset className="space-y-4">
            <legend className="text-xl font-bold text-brand-900">{t('lines.title')}</legend>
            {eligible.map((line, index) => {
              const field = lineFields[index]?.getFieldset();
              if (!field) return null;
              const quantityErrors = field.quantity.errors ?? [];
              const photoErrors = field.photos.errors ?? [];
              const kept = props.photos[index] ?? [];
              return (
                <div key={line.fulfillmentLineItemId} className="space-y-3 rounded-lg bg-white p-5 shadow-sm">
                  <div className="flex gap-3">
                    <ItemPicture image={line.image} />
                    <div>
                      <p className="font-medium">{line.title}</p>
                      {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
                      <p className="text-sm text-gray-700">{format.money(line.unitPrice)}</p>
                      {line.lastDay ? <p className="text-sm text-gray-700">{t('lines.returnableUntil', { date: calendar(line.lastDay) })}</p> : null}
                      {line.decision === 'needs_review' ? <p className="text-sm text-amber-900">{t('policy:decision.needs_review')}</p> : null}
                    </div>
                  </div>
                  <input type="hidden" name={field.fulfillmentLineItemId.name} value={line.fulfillmentLineItemId} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <div>
                      <label htmlFor={field.quantity.id} className="block font-semibold">{t('lines.quantity')}</label>
                      <select id={field.quantity.id} name={field.quantity.name} defaultValue={field.quantity.initialValue ?? '0'} aria-invalid={quantityErrors.length > 0 || undefined} aria-describedby={quantityErrors.length ? field.quantity.errorId : undefined} className={inputClass}>
                        <option value="0">{t('lines.none')}</option>
                        {Array.from({ length: line.returnableQuantity }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
                      </select>
                    </div>
                    <div>
                      <label htmlFor={field.reasonId.id} className="block font-semibold">{t('lines.reason')}</label>
                      <select id={field.reasonId.id} name={field.reasonId.name} defaultValue={field.reasonId.initialValue ?? ''} aria-invalid={field.reasonId.errors ? true : undefined} aria-describedby={field.reasonId.errors ? field.reasonId.errorId : undefined} className={inputClass}>
                        <option value="">{t('lines.chooseReason')}</option>
                        {view.reasons.map((reason) => <option key={reason.id} value={reason.id}>{reason.label}</option>)}
                      </select>
                      {field.reasonId.errors ? <p id={field.reasonId.errorId} className="text-sm font-medium text-red-800">{field.reasonId.errors.map((e) => t(e)).join(' ')}</p> : null}
                    </div>
                  </div>
                  {quantityErrors.length ? <p id={field.quantity.errorId} className="text-sm font-medium text-red-800">{quantityErrors.map((e) => t(e, { count: line.returnableQuantity })).join(' ')}</p> : null}
                  <div>
                    <label htmlFor={field.note.id} className="block font-semibold">{t('lines.note')}</label>
                    <textarea id={field.note.id} name={field.note.name} defaultValue={field.note.initialValue ?? ''} maxLength={300} rows={2} className={inputClass} />
                  </div>
                  <div>
                    <label htmlFor={`${field.quantity.id}-photos`} className="block font-semibold">{t('lines.photos')}</label>
                    <p id={`${field.quantity.id}-photos-hint`} className="text-sm text-gray-700">{t('lines.photosHint', { reasons: photoReasons })}</p>
                    {kept.length ? <p className="text-sm text-gray-900">{t('lines.photosKept', { count: kept.length })}</p> : null}
                    {kept.map((key) => <input key={key} type="hidden" name={`lines[${index}].photoKeys`} value={key} />)}
                    <input id={`${field.quantity.id}-photos`} type="file" name={`lines[${index}].photos`} multiple accept="image/jpeg,image/png,image/webp" aria-describedby={`${field.quantity.id}-photos-hint`} className="mt-1 block w-full text-sm" />
                    {photoErrors.length ? <p className="text-sm font-medium text-red-800">{photoErrors.map((e) => t(e, { count: e === 'policy:quote.photosRequired' ? photosFor(field.reasonId.initialValue) : 5 })).join(' ')}</p> : null}
                  </div>
                </div>
              );
            })}
          </fieldset>
          <RefundAndConditions
            view={view}
            refundField={fields.refundMethod}
            conditionsField={{ name: fields.conditions.name, initialValue: fields.conditions.initialValue as string | string[] | undefined, errors: fields.conditions.errors }}
          />
          <button type="submit" name="intent" value="review" className="w-full rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900 sm:w-auto">{t('review.button')}</button>
        </PostForm>
      )}
    </section>
  );
}

function RefundAndConditions({ view, refundField, conditionsField }: {
  view: ReturnFormView;
  refundField: { name: string; initialValue?: string | undefined; errors?: string[] | undefined };
  conditionsField: { name: string; initialValue?: string | string[] | undefined; errors?: string[] | undefined };
}) {
  const { t } = useTranslation('returns');
  const confirmed = new Set([conditionsField.initialValue ?? []].flat());
  return (
    <>
      <fieldset className="space-y-2 rounded-lg bg-white p-5 shadow-sm">
        <legend className="text-lg font-bold text-brand-900">{t('refund.title')}</legend>
        {view.refundMethods.map((method) => (
          <label key={method.id} className="flex items-center gap-2">
            <input type="radio" name={refundField.name} value={method.id} defaultChecked={(refundField.initialValue ?? view.refundMethods[0]?.id) === method.id} />
            {method.id === 'store_credit' && method.bonusPercent > 0 ? t('refund.storeCreditBonus', { percent: method.bonusPercent }) : t(`refund.${method.id}`)}
          </label>
        ))}
        {refundField.errors ? <p className="text-sm font-medium text-red-800">{refundField.errors.map((e) => t(e)).join(' ')}</p> : null}
      </fieldset>
      <fieldset className="space-y-2 rounded-lg bg-white p-5 shadow-sm">
        <legend className="text-lg font-bold text-brand-900">{t('conditions.title')}</legend>
        {view.conditions.map((condition) => (
          <label key={condition.id} className="flex items-center gap-2">
            <input type="checkbox" name={conditionsField.name} value={condition.id} defaultChecked={confirmed.has(condition.id)} />
            {condition.label}
          </label>
        ))}
      </fieldset>
    </>
  );
}
