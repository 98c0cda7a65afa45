import { useTranslation } from 'react-i18next';
import { useFormatters } from '~/components/format';
import type { OrderView } from '~/orders/order-view';
import { ItemList } from './item-list';

/** Everything ordered, with prices in the order's currency, the total and where it ships. */
export function OrderSummary({ order }: { order: OrderView }) {
  const { t } = useTranslation('orders');
  const format = useFormatters();
  const lines = new Map(order.lineItems.map((line) => [line.id, line]));
  return (
    <section aria-labelledby="items-title" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="items-title" className="text-xl font-bold text-brand-900">{t('items.title')}</h2>
      <ItemList
        items={order.lineItems}
        extra={(item) => {
          const line = lines.get(item.id);
          if (!line) return null;
          return (
            <>
              <p className="text-sm text-gray-900">{t('items.unitPrice', { price: format.money(line.unitPrice) })}</p>
              {line.refundedQuantity > 0 ? <p className="text-sm text-gray-700">{t('items.refunded', { count: line.refundedQuantity })}</p> : null}
              {line.giftCard ? <p className="text-sm text-gray-700">{t('items.giftCard')}</p> : null}
            </>
          );
        }}
      />
      <p className="mt-3 flex justify-between border-t border-brand-100 pt-3 text-lg font-bold">
        <span>{t('total')}</span>
        <span>{format.money(order.total)}</span>
      </p>
      {order.shippingAddress ? (
        <div className="mt-5">
          <h3 className="font-semibold text-gray-900">{t('address.title')}</h3>
          <address className="mt-1 not-italic">
            {[order.shippingAddress.name, ...order.shippingAddress.lines].filter(Boolean).map((line) => (
              <span key={line} className="block">{line}</span>
            ))}
          </address>
          <p className="mt-1 text-sm text-gray-700">{t('address.masked')}</p>
        </div>
      ) : null}
    </section>
  );
}
