import { useTranslation } from 'react-i18next';
import type { ItemReturnabilityView } from '~/cases/order-returnability';
import { UnreturnableItems } from '~/routes/order/unreturnable-items';

/** The return page when nothing can be returned: each item with its reason, and the way back. */
export function NothingToReturn({ orderName, items }: { orderName: string; items: ItemReturnabilityView[] }) {
  const { t } = useTranslation('returns');
  return (
    <section aria-labelledby="return-title" className="space-y-6">
      <header className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="return-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
        <p className="mt-2 text-gray-800">{t('errors.nothingReturnable')}</p>
        <p className="mt-2"><a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('policyLink')}</a></p>
      </header>
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <UnreturnableItems items={items} headingLevel={2} />
      </div>
      <p><a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('onOrder.backToOrder')}</a></p>
    </section>
  );
}
