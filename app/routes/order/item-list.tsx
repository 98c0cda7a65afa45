import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '~/orders/order-view';

export function ItemPicture({ image }: { image: ItemView['image'] }) {
  if (!image) return <div aria-hidden="true" className="size-16 shrink-0 rounded-md bg-brand-100" />;
  return (
    <img src={image.url} alt={image.altText ?? ''} width={64} height={64} loading="lazy" className="size-16 shrink-0 rounded-md bg-brand-100 object-cover" />
  );
}

/** Items with picture, variant and quantity; `extra` adds a line per item (price, refunds). */
export function ItemList({ items, extra }: { items: ItemView[]; extra?: (item: ItemView) => ReactNode }) {
  const { t } = useTranslation('orders');
  return (
    <ul className="mt-3 divide-y divide-brand-100">
      {items.map((item) => (
        <li key={item.id} className="flex gap-3 py-3">
          <ItemPicture image={item.image} />
          <div className="min-w-0 flex-1">
            <p className="font-medium">{item.title}</p>
            {item.variantTitle ? <p className="text-sm text-gray-700">{item.variantTitle}</p> : null}
            <p className="text-sm text-gray-700">{t('items.quantity', { count: item.quantity })}</p>
            {extra?.(item)}
          </div>
        </li>
      ))}
    </ul>
  );
}
