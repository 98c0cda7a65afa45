import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { CANCEL_REASONS } from '~/cases/cancellation/details';
import type { CancelPageView } from '~/cases/cancellation/cancel-view';
import { PostForm } from '~/components/form/post-form';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';
import { ItemPicture } from '~/routes/order/item-list';

type Offered = Extract<CancelPageView, { offered: true }>;

const card = 'rounded-lg bg-white p-5 shadow-sm';
const button = 'inline-block rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900';

function RefundSummary({ refund }: { refund: Offered['refund'] }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const amount = refund.amount ? format.money(refund.amount) : '';
  if (!refund.amount) return <p>{t('refund.toConfirm')}</p>;
  if (refund.releasesHold) return <p>{t('refund.releasesHold', { amount })}</p>;
  if (refund.method === 'shopper_choice') return null;
  return (
    <>
      <p className="font-semibold">{t(`refund.${refund.method}`, { amount })}</p>
      {refund.method === 'original_payment' ? <p className="text-sm text-gray-700">{t('refund.timing')}</p> : null}
    </>
  );
}

function CancelForm({ view, idempotencyKey, lastResult }: { view: Offered; idempotencyKey: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const [form, fields] = useForm<{ reasonId: string; note: string; refundMethod: string }>({ id: 'cancel', lastResult, shouldRevalidate: 'onBlur' });
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
      <button type="submit" className={`${button} w-full sm:w-auto`}>{t(`confirm.${view.mode}`)}</button>
    </PostForm>
  );
}

/** The cancel page: what the policy allows for this order now, what comes back, and the confirmation. */
export function CancelOrderPage({ view, orderName, contactEmail, idempotencyKey, lastResult }: {
  view: CancelPageView; orderName: string; contactEmail: string | null; idempotencyKey: string; lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation('cancel');
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
            <p className="mt-1 text-gray-800">{t('wholeOrder')}</p>
            <ul className="mt-2 divide-y divide-brand-100">
              {view.lines.map((line) => (
                <li key={line.lineItemId} className="flex items-center gap-3 py-2">
                  <ItemPicture image={line.image} />
                  <div>
                    <p className="font-medium">{line.quantity} × {line.title}</p>
                    {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
            <div className="mt-3 border-t border-brand-100 pt-3">
              <h3 className="font-bold text-brand-900">{t('refund.title')}</h3>
              <RefundSummary refund={view.refund} />
            </div>
          </section>
          <CancelForm view={view} idempotencyKey={idempotencyKey} lastResult={lastResult} />
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
