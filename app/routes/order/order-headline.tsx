import { useTranslation } from 'react-i18next';
import { useFormatters } from '~/components/format';
import type { OrderView } from '~/orders/order-view';

const TONE: Record<OrderView['headline']['key'], string> = {
  cancelled: 'border-gray-500',
  digital: 'border-brand-600',
  deliveryProblem: 'border-red-700',
  delivered: 'border-brand-600',
  outForDelivery: 'border-brand-600',
  partlyShipped: 'border-brand-600',
  onItsWay: 'border-brand-600',
  preparing: 'border-amber-600',
  runningLate: 'border-amber-600',
  packed: 'border-amber-600',
};

function useHeadlineText(headline: OrderView['headline']): string {
  const { t } = useTranslation('orders');
  const format = useFormatters();
  switch (headline.key) {
    case 'cancelled':
    case 'delivered':
      return t(`headline.${headline.key}`, { date: format.date(headline.date) });
    case 'partlyShipped':
      return t('headline.partlyShipped', { shipped: headline.shipped, total: headline.total, count: headline.shipped });
    case 'onItsWay':
      return headline.date ? t('headline.onItsWayBy', { date: format.dayAndMonth(headline.date) }) : t('headline.onItsWay');
    default:
      return t(`headline.${headline.key}`);
  }
}

/** The order name, when it was placed, and the one sentence that answers "where is my order?". */
export function OrderHeadline({ order }: { order: OrderView }) {
  const { t } = useTranslation('orders');
  const format = useFormatters();
  const text = useHeadlineText(order.headline);
  const detailKey = order.headline.key;
  const hasDetail = detailKey === 'deliveryProblem' || detailKey === 'preparing' || detailKey === 'cancelled' || detailKey === 'runningLate';
  const detailDate = order.headline.key === 'runningLate' ? format.dayAndMonth(order.headline.date) : undefined;
  return (
    <header className={`rounded-lg border-l-4 bg-white p-5 shadow-sm ${TONE[order.headline.key]}`}>
      <p className="text-sm text-gray-700">
        <span id="order-title" className="font-semibold text-gray-900">{t('orderName', { name: order.name })}</span>
        {' · '}
        {t('placedOn', { date: format.date(order.placedAt) })}
      </p>
      <h1 className="mt-1 text-2xl font-bold text-brand-900">{text}</h1>
      {hasDetail ? <p className="mt-2 text-gray-800">{t(`headlineDetail.${detailKey}`, { date: detailDate })}</p> : null}
    </header>
  );
}
