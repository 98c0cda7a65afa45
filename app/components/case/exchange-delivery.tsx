import { useTranslation } from 'react-i18next';
import type { ExchangeParcelView } from '~/cases/return/exchange-progress';
import type { ShopperExchangeView } from '~/cases/return/shopper-view';
import { useFormatters } from '~/components/format';
import { ItemPicture } from '~/routes/order/item-list';
import { NewTabLink } from './return-shipping';

/*
 * "Your new item": what an exchange sends the shopper, and its own parcel — not shipped yet (and
 * when it will be, as the policy says), shipped with its carrier and tracking, then delivered.
 * Read from the case's events, never from Shopify at page time. Server-rendered, no script needed.
 */

type ExchangedLine = { fulfillmentLineItemId: string; quantity: number; exchange: ShopperExchangeView };

export function ExchangeDelivery({ lines, parcel, released }: { lines: ExchangedLine[]; parcel: ExchangeParcelView | null; released: boolean }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  const first = lines[0];
  if (!first) return null;
  return (
    <section aria-labelledby="case-exchange" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="case-exchange" className="text-xl font-bold text-brand-900">{t('case.exchange.title')}</h2>
      <ul className="mt-2 space-y-1">
        {lines.map(({ fulfillmentLineItemId, quantity, exchange }) => (
          <li key={fulfillmentLineItemId} className="flex items-center gap-3 font-medium">
            <ItemPicture image={exchange.image ? { url: exchange.image.url, altText: null } : null} />
            <span>{quantity} × {exchange.productTitle} — {exchange.variantTitle}</span>
          </li>
        ))}
      </ul>
      {parcel ? (
        <div className="mt-3 space-y-2 text-gray-800">
          <p className="flex items-start gap-2">
            <span aria-hidden="true" className={`mt-1.5 inline-block size-3 shrink-0 rounded-full ${parcel.stage === 'delivered' ? 'bg-green-700' : 'bg-brand-600'}`} />
            <span>
              {parcel.stage === 'delivered' && parcel.deliveredAt
                ? t('case.exchange.delivered', { date: format.dateTime(parcel.deliveredAt) })
                : t(parcel.carrier ? 'case.exchange.shippedWith' : 'case.exchange.shipped', { date: format.dateTime(parcel.shippedAt), carrier: parcel.carrier })}
            </span>
          </p>
          {parcel.trackingNumber ? (
            <dl>
              <dt className="text-sm text-gray-700">{t('case.shipping.trackingNumber')}</dt>
              <dd className="break-all font-mono font-medium">{parcel.trackingNumber}</dd>
            </dl>
          ) : null}
          {parcel.trackingUrl ? (
            <p>
              <NewTabLink href={parcel.trackingUrl}>{parcel.carrier ? t('case.exchange.followWith', { carrier: parcel.carrier }) : t('case.exchange.follow')}</NewTabLink>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="mt-3 text-gray-800">{released ? t('case.exchange.preparing') : `${t('case.exchange.waiting')} ${t(`review.ships.${first.exchange.ships}`)}`}</p>
      )}
    </section>
  );
}
