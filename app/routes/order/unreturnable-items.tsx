import { useTranslation } from 'react-i18next';
import type { ItemReturnabilityView } from '~/cases/return/order-returnability';
import { ItemPicture } from '~/routes/order/item-list';
import { ReasonText } from '~/routes/order_.return/refused-line';

/**
 * The items (or units) that cannot be returned online, each with its reasons in plain words and
 * the clause behind them. Shared by the order page and the return page's "nothing to return".
 */
export function UnreturnableItems({ items, headingLevel = 3, title }: { items: ItemReturnabilityView[]; headingLevel?: 2 | 3; title?: string }) {
  const { t } = useTranslation('returns');
  const blocked = items.filter((item) => item.reasons.length > 0);
  if (blocked.length === 0) return null;
  const nothing = items.every((item) => item.returnableUnits === 0);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div aria-labelledby="unreturnable-title" role="group">
      <Heading id="unreturnable-title" className="font-semibold text-gray-900">{title ?? t(nothing ? 'onOrder.nothingTitle' : 'onOrder.someTitle')}</Heading>
      <ul className="mt-2 divide-y divide-brand-100">
        {blocked.map((item) => (
          <li key={item.lineItemId} className="flex gap-3 py-3">
            <ItemPicture image={item.image} />
            <div className="min-w-0 flex-1">
              <p className="font-medium">{item.title}</p>
              {item.variantTitle ? <p className="text-sm text-gray-700">{item.variantTitle}</p> : null}
              <ul className="mt-1 space-y-1">
                {item.reasons.map((reason) => (
                  <li key={`${reason.key}-${JSON.stringify(reason.facts)}`} className="text-gray-800">
                    {item.quantity > 1 ? <span className="font-medium">{t('onOrder.units', { count: reason.units, total: item.quantity })} </span> : null}
                    <ReasonText reason={reason} />
                  </li>
                ))}
              </ul>
              {item.returnableUnits > 0 ? <p className="mt-1 text-sm text-gray-700">{t('onOrder.stillReturnable', { count: item.returnableUnits })}</p> : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
