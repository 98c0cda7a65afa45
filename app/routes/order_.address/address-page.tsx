import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { AddressPageView } from '~/cases/address-change/address-view';
import { PostForm } from '~/components/form/post-form';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';
import { AddressFields, FieldErrors, inputClass, useCountryName } from './address-fields';

type Offered = Extract<AddressPageView, { offered: true }>;
export type AddressActionData = { result: SubmissionResult<string[]> | undefined; count: number | null; sent: boolean } | null;

const card = 'rounded-lg bg-white p-5 shadow-sm';
const button = 'inline-block rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900';
const secondary = 'inline-block rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50';

/** The one form of the page: "send me a code" first; once a code is on its way, the code and the new address. */
function ChangeForm({ view, idempotencyKey, actionData }: { view: Offered; idempotencyKey: string; actionData: AddressActionData }) {
  const { t } = useTranslation('address');
  const format = useFormatters();
  const [form, fields] = useForm<Record<'code' | 'firstName' | 'lastName' | 'address1' | 'address2' | 'zip' | 'city' | 'provinceCode' | 'countryCode' | 'phone', string>>({
    id: 'address-change', lastResult: actionData?.result, defaultValue: view.initial,
  });
  // A failed try keeps the form on screen even when the code is now dead: the shopper asks for another below.
  const showChange = view.code.sent || actionData?.result?.initialValue?.['intent'] === 'change';
  const { key: codeKey, ...codeProps } = getInputProps(fields.code, { type: 'text', ariaDescribedBy: `${fields.code.id}-hint` });
  return (
    <PostForm {...getFormProps(form)} className="space-y-6">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {form.errors.map((error) => t(error, { count: actionData?.count ?? undefined })).join(' ')}
        </p>
      ) : null}
      <section aria-labelledby="address-verify" className={`${card} space-y-3`}>
        <h2 id="address-verify" className="text-xl font-bold text-brand-900">{t('verify.title')}</h2>
        {view.code.sent && view.code.expiresAt ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-gray-900">{t('sent', { email: view.email, time: format.dateTime(view.code.expiresAt) })}</p>
        ) : (
          <p className="text-gray-800">{t('verify.text', { email: view.email })}</p>
        )}
        {showChange ? (
          <div className="space-y-1">
            <label htmlFor={fields.code.id} className="block font-semibold text-gray-900">{t('code.label')}</label>
            <p id={`${fields.code.id}-hint`} className="text-sm text-gray-700">{t('code.hint')}</p>
            <input
              {...codeProps} key={codeKey} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={11} required
              className={`${inputClass} max-w-48 font-mono text-xl tracking-widest`}
            />
            <FieldErrors field={fields.code} />
          </div>
        ) : (
          <button type="submit" name="intent" value="send" className={`${button} w-full sm:w-auto`}>{t('verify.send')}</button>
        )}
      </section>
      {showChange ? (
        <section aria-labelledby="address-new" className={`${card} space-y-4`}>
          <h2 id="address-new" className="text-xl font-bold text-brand-900">{t('form.title')}</h2>
          <AddressFields view={view} fields={fields} />
          <button type="submit" name="intent" value="change" className={`${button} w-full sm:w-auto`}>{t('form.submit')}</button>
          <div className="space-y-2 border-t border-brand-100 pt-4">
            {view.code.resendInSeconds > 0 ? <p className="text-sm text-gray-700">{t('verify.resendIn', { count: view.code.resendInSeconds })}</p> : null}
            <button type="submit" name="intent" value="send" formNoValidate className={secondary}>{t('verify.resend')}</button>
          </div>
        </section>
      ) : null}
    </PostForm>
  );
}

/** The address page: what the policy allows for this order now, the code, and the new address. */
export function AddressChangePage({ view, orderName, contactEmail, idempotencyKey, actionData }: {
  view: AddressPageView; orderName: string; contactEmail: string | null; idempotencyKey: string; actionData: AddressActionData;
}) {
  const { t } = useTranslation('address');
  const format = useFormatters();
  const countryName = useCountryName();
  return (
    <article aria-labelledby="address-title" className="space-y-6">
      <header className={`${card} border-l-4 border-brand-600`}>
        <h1 id="address-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
        {view.offered ? <p className="mt-2 text-gray-800">{t('intro', { until: format.dateTime(view.until) })}</p> : null}
      </header>
      {view.offered ? (
        <>
          {view.current ? (
            <section aria-labelledby="address-current" className={card}>
              <h2 id="address-current" className="text-xl font-bold text-brand-900">{t('current.title')}</h2>
              <address className="mt-2 not-italic text-gray-900">
                {[view.current.name, ...view.current.lines, view.current.countryCode ? countryName(view.current.countryCode) : null].filter(Boolean).map((line, index) => (
                  <span key={`${index}-${line}`} className="block">{line}</span>
                ))}
              </address>
              <p className="mt-2 text-sm text-gray-700">{t('current.masked')}</p>
            </section>
          ) : null}
          <ChangeForm view={view} idempotencyKey={idempotencyKey} actionData={actionData} />
        </>
      ) : (
        <section aria-labelledby="address-refused" className={card}>
          <h2 id="address-refused" className="text-xl font-bold text-brand-900">{t('notOffered.title')}</h2>
          <p className="mt-2 text-gray-800"><PolicyReasonText reason={view.refusal} /></p>
          {contactEmail ? <p className="mt-2 text-gray-800">{t('notOffered.contact', { email: contactEmail })}</p> : null}
        </section>
      )}
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('back')}</a></p>
    </article>
  );
}
