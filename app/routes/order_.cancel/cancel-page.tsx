import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { CANCEL_REASONS } from '~/cases/cancellation/details';
import type { CancelPageView } from '~/cases/cancellation/cancel-view';
import { PostForm } from '~/components/form/post-form';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';
import { ItemPicture } from '~/routes/order/item-list';

type Offered = Extract<CancelPageView, { offered: true }>;
type CancelFormState = { form: ReturnType<typeof useForm<CancelFields>>[0]; fields: ReturnType<typeof useForm<CancelFields>>[1] };

const card = 'rounded-lg bg-white p-5 shadow-sm';
const button = 'inline-block rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900';

function RefundSummary({ refund, partial }: { refund: Offered['refund']; partial: boolean }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const amount = refund.amount ? format.money(refund.amount) : '';
  if (!refund.amount) return <p>{t('refund.toConfirm')}</p>;
  if (refund.releasesHold) return <p>{t('refund.releasesHold', { amount })}</p>;
  if (refund.method === 'shopper_choice') return partial ? <p>{t('refund.someItems')}</p> : null;
  return (
    <>
      {partial ? <p>{t('refund.everything')}</p> : null}
      <p className="font-semibold">{t(`refund.${refund.method}`, { amount })}</p>
      {partial ? <p>{t('refund.someItems')}</p> : null}
      {refund.method === 'original_payment' ? <p className="text-sm text-gray-700">{t('refund.timing')}</p> : null}
    </>
  );
}

type LineFields = ReturnType<ReturnType<typeof useForm<CancelFields>>[1]['lines']['getFieldList']>;

/**
 * How many units of one line to cancel, from all of them down to 0 (kept). The select belongs to
 * the form below by its `form` attribute, so the choice is posted without JavaScript.
 */
function UnitPicker({ line, index, fields }: { line: Offered['lines'][number]; index: number; fields: LineFields }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const field = fields[index]?.getFieldset();
  const id = `cancel-units-${index}`;
  const errors = field?.units.errors;
  const initial = field?.units.initialValue;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
      <input type="hidden" form="cancel" name={`lines[${index}].lineItemId`} value={line.lineItemId} />
      <label htmlFor={id} className="text-sm font-medium text-gray-900">{t('pick.label')}</label>
      <select
        id={id} form="cancel" name={`lines[${index}].units`} defaultValue={initial ?? String(line.quantity)}
        aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="min-h-11 rounded-md border border-gray-500 bg-white px-2 text-base"
      >
        {Array.from({ length: line.quantity + 1 }, (_, units) => line.quantity - units).map((units) => (
          <option key={units} value={units}>{units === 0 ? t('pick.keep') : units === line.quantity ? t('pick.all', { count: units }) : units}</option>
        ))}
      </select>
      {line.unitRefund ? <span className="text-sm text-gray-700">{t('pick.each', { amount: format.money(line.unitRefund) })}</span> : null}
      {errors?.length ? <p id={`${id}-error`} className="w-full text-sm font-medium text-red-800">{errors.map((error) => t(error)).join(' ')}</p> : null}
    </div>
  );
}

type CancelFields = { reasonId: string; note: string; refundMethod: string; lines: { lineItemId: string; units: string }[] };

function CancelForm({ view, idempotencyKey, form, fields }: { view: Offered; idempotencyKey: string } & CancelFormState) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const { key, ...noteProps } = getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` });
  const reasonError = fields.reasonId.errors?.length ? fields.reasonId.errorId : undefined;
  return (
    <PostForm {...getFormProps(form)} className={`${card} space-y-5`}>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="mode" value={view.mode} />
      {form.errors?.length ? <p id={form.errorId} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">{form.errors.map((error) => t(error)).join(' ')}</p> : null}
      <fieldset aria-describedby={reasonError} className="space-y-2">
        <legend className="font-semibold text-gray-900">{t('reason.legend')}</legend>
        {CANCEL_REASONS.map((reason) => (
          <label key={reason} className="flex min-h-11 items-center gap-3 rounded-md border border-brand-100 px-3 py-2">
            <input type="radio" name={fields.reasonId.name} value={reason} defaultChecked={fields.reasonId.initialValue === reason} required className="size-5 shrink-0" />
            <span>{t(`reason.${reason}`)}</span>
          </label>
        ))}
        {reasonError ? <p id={reasonError} className="text-sm font-medium text-red-800">{fields.reasonId.errors!.map((error) => t(error)).join(' ')}</p> : null}
      </fieldset>
      {view.refund.method === 'shopper_choice' && view.refund.amount && !view.refund.releasesHold ? (
        <fieldset className="space-y-2">
          <legend className="font-semibold text-gray-900">{t('refund.title')}</legend>
          {(['original_payment', 'store_credit'] as const).map((method) => (
            <label key={method} className="flex min-h-11 items-center gap-3 rounded-md border border-brand-100 px-3 py-2">
              <input type="radio" name={fields.refundMethod.name} value={method} defaultChecked={method === "original_payment"} className="size-5 shrink-0" />
              <span>{t(`refund.${method}`, { amount: format.money(view.refund.amount!) })}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={fields.note.id} className="block font-semibold text-gray-900">{t('note.label')}</label>
        <p id={`${fields.note.id}-hint`} className="text-sm text-gray-700">{t('note.hint')}</p>
        <textarea {...noteProps} key={key} rows={3} maxLength={1000} className="block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700" />
        {fields.note.errors?.length ? <p id={fields.note.errorId} className="text-sm font-medium text-red-800">{fields.note.errors.map((error) => t(error)).join(' ')}</p> : null}
      </div>
      <button type="submit" className={`${button} w-full sm:w-auto`}>{t(view.partial ? `confirm.partial.${view.mode}` : `confirm.${view.mode}`)}</button>
    </PostForm>
  );
}

/** The cancel page: what the policy allows for this order now, what comes back, and the confirmation. */
export function CancelOrderPage({ view, orderName, contactEmail, idempotencyKey, lastResult }: {
  view: CancelPageView; orderName: string; contactEmail: string | null; idempotencyKey: string; lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation('cancel');
  const [form, fields] = useForm<CancelFields>({ id: 'cancel', lastResult, shouldRevalidate: 'onBlur' });
  const lineFields = fields.lines.getFieldList();
  return (
    <article aria-labelledby="cancel-title" className="space-y-6">
      <header className={`${card} border-l-4 border-brand-600`}>
        <h1 id="cancel-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
        {view.offered ? <p className="mt-2 text-gray-800">{t(`intro.${view.mode}`)}</p> : null}
      </header>
      {view.offered ? (
        <>
          {view.reasons.length ? (
            <section aria-labelledby="cancel-why" className={card}>
              <h2 id="cancel-why" className="text-xl font-bold text-brand-900">{t('why')}</h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-gray-800">
                {view.reasons.map((reason) => <li key={`${reason.key}-${reason.clauseId}`}><PolicyReasonText reason={reason} /></li>)}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="cancel-items" className={card}>
            <h2 id="cancel-items" className="text-xl font-bold text-brand-900">{t('items')}</h2>
            <p className="mt-1 text-gray-800">{t(view.partial ? 'pick.intro' : 'wholeOrder')}</p>
            <ul className="mt-2 divide-y divide-brand-100">
              {view.lines.map((line, index) => (
                <li key={line.lineItemId} className="flex items-center gap-3 py-2">
                  <ItemPicture image={line.image} />
                  <div>
                    <p className="font-medium">{line.quantity} × {line.title}</p>
                    {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
                    {view.partial ? <UnitPicker line={line} index={index} fields={lineFields} /> : null}
                  </div>
                </li>
              ))}
            </ul>
            <div className="mt-3 border-t border-brand-100 pt-3">
              <h3 className="font-bold text-brand-900">{t('refund.title')}</h3>
              <RefundSummary refund={view.refund} partial={view.partial} />
            </div>
          </section>
          <CancelForm view={view} idempotencyKey={idempotencyKey} form={form} fields={fields} />
        </>
      ) : (
        <section aria-labelledby="cancel-refused" className={card}>
          <h2 id="cancel-refused" className="text-xl font-bold text-brand-900">{t('notOffered.title')}</h2>
          <p className="mt-2 text-gray-800"><PolicyReasonText reason={view.refusal} /></p>
          {contactEmail ? <p className="mt-2 text-gray-800">{t('notOffered.contact', { email: contactEmail })}</p> : null}
        </section>
      )}
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('back')}</a></p>
    </article>
  );
}
