import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { LabelView, ReturnShippingView } from '~/cases/return/shipping-view';
import { useCalendarDate, useFormatters } from '~/components/format';
import { Field } from '~/components/form/field';
import { PostForm } from '~/components/form/post-form';
import { RETURN_CARRIERS, type ReturnCarrier } from '~/labels/shopper-tracking';

/*
 * The shopper's "send it back" part of a return's case page: what to do now (a label to print, a
 * QR code to show, an address, a deadline — or nothing to send at all), then each step of the
 * parcel's way back to the refund. Server-rendered, no script needed.
 */

const linkClass = 'font-semibold text-brand-700 underline underline-offset-2';

/** A link to a vendor's page (a label, a carrier's tracking), opened in a new tab, said so to screen readers. */
export function NewTabLink({ href, children }: { href: string; children: React.ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={linkClass}>
      {children}
      <span className="sr-only"> {t('opensInNewTab')}</span>
    </a>
  );
}

function Label({ caseId, label, canAddTracking, exchangeOnly }: { caseId: string; label: LabelView; canAddTracking: boolean; exchangeOnly: boolean }) {
  const { t } = useTranslation('returns');
  const calendarDate = useCalendarDate();
  return (
    <div className="mt-3 space-y-4">
      {label.shipBy ? <p className="rounded-md bg-amber-50 p-3 font-semibold text-amber-950">{t('case.shipping.shipBy', { date: calendarDate(label.shipBy) })}</p> : null}
      <ol className="list-decimal space-y-3 pl-5">
        <li>{t('case.shipping.pack', { id: caseId })}</li>
        {label.labelUrl || label.hasQrCode ? (
          <li>
            {t(label.labelUrl && label.hasQrCode ? 'case.shipping.printOrShow' : label.labelUrl ? 'case.shipping.print' : 'case.shipping.show')}
            {label.labelUrl ? (
              <p className="mt-2">
                <NewTabLink href={label.labelUrl}>{t('case.shipping.download')}</NewTabLink>
              </p>
            ) : null}
            {label.hasQrCode ? (
              <figure className="mt-3">
                <img src={`/cases/${caseId}/label-qr`} alt={t('case.shipping.qrAlt')} width={160} height={160} className="size-40 rounded-md border border-brand-100 bg-white p-1" />
                <figcaption className="mt-1 text-sm text-gray-700">{t('case.shipping.qrCaption')}</figcaption>
              </figure>
            ) : null}
          </li>
        ) : (
          <li>{t('case.shipping.ownCarrier')}</li>
        )}
        <li>{t(label.carrier ? 'case.shipping.dropWith' : 'case.shipping.dropOff', { carrier: label.carrier })}</li>
      </ol>
      {label.trackingNumber ? (
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
          {label.carrier ? (
            <div>
              <dt className="text-sm text-gray-700">{t('case.shipping.carrier')}</dt>
              <dd className="font-medium">{label.carrier}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-sm text-gray-700">{t('case.shipping.trackingNumber')}</dt>
            <dd className="font-mono font-medium break-all">
              {label.trackingUrl ? <NewTabLink href={label.trackingUrl}>{label.trackingNumber}</NewTabLink> : label.trackingNumber}
            </dd>
          </div>
        </dl>
      ) : null}
      {label.returnAddress ? (
        <div>
          <p className="font-medium">{t('case.shipping.address')}</p>
          <address className="mt-1 rounded-md border border-brand-100 bg-brand-50 p-3 not-italic text-gray-900">
            {label.returnAddress.map((line, index) => <span key={index} className="block">{line}</span>)}
          </address>
        </div>
      ) : null}
      {label.portalUrl ? <p><NewTabLink href={label.portalUrl}>{t('case.shipping.portal')}</NewTabLink></p> : null}
      {canAddTracking ? <p className="text-gray-800">{t(exchangeOnly ? 'case.shipping.keepReceiptExchange' : 'case.shipping.keepReceipt')}</p> : null}
    </div>
  );
}

/** Posted it already with a carrier of their choice: the shopper tells which, and its tracking number. */
function TrackingForm({ caseId, lastResult }: { caseId: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation('returns');
  const [form, fields] = useForm<{ carrier: ReturnCarrier; trackingNumber: string }>({ id: 'tracking', lastResult, shouldRevalidate: 'onBlur' });
  const { key, ...selectProps } = getSelectProps(fields.carrier);
  return (
    <PostForm action={`/cases/${caseId}`} {...getFormProps(form)} className="mt-5 space-y-4 rounded-md border border-brand-100 p-4">
      <h3 className="font-bold text-brand-900">{t('tracking.form.title')}</h3>
      <p className="text-gray-800">{t('tracking.form.intro')}</p>
      {form.errors?.length ? <p id={form.errorId} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">{form.errors.map((error) => t(error)).join(' ')}</p> : null}
      <div className="space-y-1">
        <label htmlFor={fields.carrier.id} className="block font-semibold text-gray-900">{t('tracking.form.carrier')}</label>
        <select {...selectProps} key={key} className="block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700">
          <option value="">{t('tracking.form.choose')}</option>
          {(Object.keys(RETURN_CARRIERS) as ReturnCarrier[]).map((carrier) => (
            <option key={carrier} value={carrier}>{RETURN_CARRIERS[carrier].name ?? t('tracking.form.otherCarrier')}</option>
          ))}
        </select>
        {fields.carrier.errors?.length ? <p id={fields.carrier.errorId} className="text-sm font-medium text-red-800">{fields.carrier.errors.map((error) => t(error)).join(' ')}</p> : null}
      </div>
      <Field field={fields.trackingNumber} label={t('tracking.form.number')} hint={t('tracking.form.numberHint')} autoComplete="off" />
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900">{t('tracking.form.submit')}</button>
    </PostForm>
  );
}

function Progress({ view }: { view: ReturnShippingView }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  return (
    <div className="mt-5">
      <h3 className="font-bold text-brand-900">{t('case.shipping.progress')}</h3>
      <ol className="mt-2 space-y-2">
        {view.progress.map(({ step, done, at }) => (
          <li key={step} className="flex gap-3">
            <span aria-hidden="true" className={`mt-1 inline-block size-3 shrink-0 rounded-full ${done ? 'bg-green-700' : 'border-2 border-gray-400'}`} />
            <div>
              <p className={done ? 'font-medium' : 'text-gray-700'}>
                {t(`case.shipping.steps.${step}`)}
                <span className="sr-only"> · {t(done ? 'case.shipping.done' : 'case.shipping.notYet')}</span>
              </p>
              {at ? <p className="text-sm text-gray-700"><time dateTime={at}>{format.dateTime(at)}</time></p> : null}
              {step === 'refunded' && view.refund?.amount ? (
                <p className="text-sm text-gray-800">
                  {t(view.refund.method === 'store_credit' ? 'case.shipping.refundCredit' : 'case.shipping.refundPayment', { amount: format.money(view.refund.amount) })}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The section, or nothing while there is nothing to send. */
export function ReturnShipping({ caseId, view, trackingResult }: { caseId: string; view: ReturnShippingView | null; trackingResult?: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  if (!view) return null;
  const title = t(`case.shipping.title.${view.stage}`);
  return (
    <section aria-labelledby="case-shipping" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="case-shipping" className="text-xl font-bold text-brand-900">{title}</h2>
      {view.stage === 'keep_items' ? <p className="mt-2 text-gray-800">{t('case.shipping.keepItems')}</p> : null}
      {view.stage === 'preparing' ? (
        <>
          <p className="mt-2 text-gray-800">{t(view.portalUrl ? 'case.shipping.preparingPortal' : 'case.shipping.preparing')}</p>
          {view.portalUrl ? <p className="mt-2"><NewTabLink href={view.portalUrl}>{t('case.shipping.portal')}</NewTabLink></p> : null}
        </>
      ) : null}
      {view.stage === 'with_team' ? <p className="mt-2 text-gray-800">{t('case.shipping.withTeam')}</p> : null}
      {view.stage === 'cancelled' ? <p className="mt-2 text-gray-800">{t('case.shipping.cancelled')}</p> : null}
      {view.stage === 'expired' ? <p className="mt-2 text-gray-800">{t('case.shipping.expired')}</p> : null}
      {view.stage === 'done' && view.refund?.amount && view.progress.length === 0 ? (
        <p className="mt-2 text-gray-800">{t('case.shipping.refundPayment', { amount: format.money(view.refund.amount) })}</p>
      ) : null}
      {view.stage === 'ready' && view.label ? <Label caseId={caseId} label={view.label} canAddTracking={view.canAddTracking} exchangeOnly={view.exchangeOnly} /> : null}
      {view.canAddTracking ? <TrackingForm caseId={caseId} lastResult={trackingResult} /> : null}
      {view.stage === 'delivered' ? <p className="mt-2 text-gray-800">{t('case.shipping.delivered')}</p> : null}
      {view.stage === 'received' ? <p className="mt-2 text-gray-800">{t(view.exchangeOnly ? 'case.shipping.receivedExchange' : 'case.shipping.received')}</p> : null}
      {['on_its_way', 'delivered', 'received', 'done'].includes(view.stage) ? (
        view.label?.trackingNumber ? (
          <p className="mt-2 text-gray-800">
            {t('case.shipping.following', { carrier: view.label.carrier ?? '' })}{' '}
            {view.label.trackingUrl ? <NewTabLink href={view.label.trackingUrl}>{view.label.trackingNumber}</NewTabLink> : <span className="font-mono">{view.label.trackingNumber}</span>}
          </p>
        ) : null
      ) : null}
      {view.progress.length > 0 && view.stage !== 'preparing' && view.stage !== 'with_team' ? <Progress view={view} /> : null}
    </section>
  );
}
