import { useTranslation } from 'react-i18next';
import type { CaseViewOf } from '~/cases/case-view';
import { useFormatters } from '~/components/format';
import { ExchangeDelivery } from './exchange-delivery';
import { ReturnShipping } from './return-shipping';

/** The return's part of the shopper's case page: how to send it back, the new items, the lines and the refund. */
export function ReturnCaseBody({ view, trackingResult }: { view: CaseViewOf<'return'>; trackingResult: Parameters<typeof ReturnShipping>[0]['trackingResult'] }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  return (
    <>
    <ReturnShipping caseId={view.id} view={view.shipping} trackingResult={trackingResult} />
    {view.state !== 'declined' ? (
      <ExchangeDelivery lines={view.lines.flatMap((line) => (line.exchange && line.decision !== 'declined' ? [{ ...line, exchange: line.exchange }] : []))} parcel={view.exchangeParcel} released={view.exchangeReleased} />
    ) : null}
    <section aria-labelledby="case-items" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="case-items" className="text-xl font-bold text-brand-900">{t('case.items')}</h2>
      <ul className="mt-2 divide-y divide-brand-100">
        {view.lines.map((line) => (
          <li key={line.fulfillmentLineItemId} className="py-2">
            <p className="font-medium">{line.quantity} × {line.title}</p>
            <p className="text-sm text-gray-700">{t(`case.decision.${line.decision}`)}</p>
            {line.exchange ? (
              <div className="mt-2 space-y-1 rounded-md bg-brand-50 p-2 text-sm">
                <p className="font-semibold">{t('review.exchangeFor', { item: `${line.exchange.productTitle} — ${line.exchange.variantTitle}` })}</p>
                {line.decision !== 'declined' ? (
                  <p>
                    {line.exchange.settle === 'invoice' && view.balancePaid
                      ? t('case.exchange.paid', { amount: format.money(line.exchange.difference) })
                      : t(`review.settle.${line.exchange.settle}`, { amount: format.money(line.exchange.difference) })}
                  </p>
                ) : null}
              </div>
            ) : null}
            {line.photoUrls.length ? (
              <ul className="mt-2 flex flex-wrap gap-2">
                {line.photoUrls.map((url, index) => (
                  <li key={url}><img src={url} alt={t('case.photo', { number: index + 1 })} width={80} height={80} className="size-20 rounded-md object-cover" /></li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {view.refunded ? (
        <p className="mt-3 flex justify-between border-t border-brand-100 pt-3 font-bold">
          <span>{t('review.estimatedRefund')}</span>
          <span>{format.money(view.estimatedRefund)}</span>
        </p>
      ) : null}
    </section>
    </>
  );
}
