import { useTranslation } from 'react-i18next';
import type { CaseViewOf } from '~/cases/case-view';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';

/** The refund's sentence: done, or promised while the team checks. */
function RefundText({ view }: { view: CaseViewOf<'cancellation'> }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const { refund } = view;
  const group = view.progress === 'cancelled' ? 'case.refundDone' : 'case.refundPromised';
  const key = refund.amount === null ? 'toConfirm' : refund.releasesHold ? 'releasesHold' : refund.method;
  return <p>{t(`${group}.${key}`, { amount: refund.amount ? format.money(refund.amount) : '' })}</p>;
}

/** The cancellation's part of the shopper's case page: where it stands, the refund, the items and the reason. */
export function CancellationCaseBody({ view }: { view: CaseViewOf<'cancellation'> }) {
  const { t } = useTranslation('cancel');
  const format = useFormatters();
  const done = view.progress === 'cancelled';
  const items = view.scope === 'items';
  const heading = done && view.cancelledAt
    ? t(items ? 'case.progress.itemsCancelledOn' : 'case.progress.cancelledOn', { date: format.dateTime(view.cancelledAt) })
    : t(done && items ? 'case.progress.itemsCancelled' : `case.progress.${view.progress}`);
  return (
    <>
      <section aria-labelledby="cancel-status" aria-live="polite" className={`space-y-2 rounded-lg p-5 shadow-sm ${done ? 'bg-green-50' : 'bg-white'}`}>
        <h2 id="cancel-status" className="text-xl font-bold text-brand-900">
          {heading}
        </h2>
        {view.progress !== 'not_cancelled' ? <RefundText view={view} /> : null}
        {view.reviewReasons.length ? (
          <ul className="list-disc space-y-1 pl-5 text-gray-800">
            {view.reviewReasons.map((reason) => <li key={`${reason.key}-${reason.clauseId}`}><PolicyReasonText reason={reason} /></li>)}
          </ul>
        ) : null}
        {view.refusedByStore ? <p className="text-gray-800">{t('case.refused')}</p> : null}
        {view.shippedFirst ? <p className="text-gray-800">{t('case.shippedFirst')}</p> : null}
      </section>
      <section aria-labelledby="case-items" className="rounded-lg bg-white p-5 shadow-sm">
        <h2 id="case-items" className="text-xl font-bold text-brand-900">{t('items')}</h2>
        {items ? <p className="mt-1 text-gray-800">{t('case.itemsOnly')}</p> : null}
        <ul className="mt-2 divide-y divide-brand-100">
          {view.lines.map((line) => (
            <li key={line.lineItemId} className="py-2">
              <p className="font-medium">{line.quantity} × {line.title}</p>
              {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
            </li>
          ))}
        </ul>
        <p className="mt-3 border-t border-brand-100 pt-3 text-gray-800">{t('case.reason', { reason: t(`reason.${view.reasonId}`) })}</p>
      </section>
    </>
  );
}
