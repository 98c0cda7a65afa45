import { useTranslation } from 'react-i18next';
import { useFormatters } from '~/components/format';
import type { StoreReturnView } from '~/orders/store-returns';

const STATUS_STYLE: Record<StoreReturnView['status'], string> = {
  requested: 'bg-amber-100 text-amber-950',
  open: 'bg-blue-100 text-blue-950',
  closed: 'bg-green-100 text-green-950',
  declined: 'bg-red-100 text-red-950',
  cancelled: 'bg-gray-100 text-gray-900',
};

const describe = (item: { title: string; variantTitle: string | null }) => [item.title, item.variantTitle].filter(Boolean).join(' – ');

/** Returns and exchanges the store recorded outside the portal: what, when, where they stand, what was refunded. */
export function StoreReturns({ returns }: { returns: StoreReturnView[] }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  if (returns.length === 0) return null;
  return (
    <section aria-labelledby="store-returns-title" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="store-returns-title" className="text-xl font-bold text-brand-900">{t('storeReturns.title')}</h2>
      <p className="mt-1 text-gray-800">{t('storeReturns.intro')}</p>
      <ul className="mt-3 divide-y divide-brand-100">
        {returns.map((ret) => (
          <li key={ret.id} className="space-y-1 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold text-gray-900">{t(ret.exchanges.length ? 'storeReturns.exchangeName' : 'storeReturns.name', { name: ret.name })}</h3>
              <span className={`rounded-full px-3 py-1 text-sm font-semibold ${STATUS_STYLE[ret.status]}`}>{t(`storeReturns.status.${ret.status}`)}</span>
            </div>
            <p className="text-sm text-gray-700">
              {t('storeReturns.requestedOn', { date: format.date(ret.createdAt) })}
              {ret.closedAt ? ` · ${t('storeReturns.closedOn', { date: format.date(ret.closedAt) })}` : null}
            </p>
            <ul className="text-gray-900">
              {ret.items.map((item) => <li key={describe(item)}>{t('storeReturns.item', { item: describe(item), count: item.quantity })}</li>)}
            </ul>
            {ret.exchanges.length ? (
              <p className="text-gray-800">{t('storeReturns.exchangedFor', { items: ret.exchanges.map((item) => t('storeReturns.item', { item: describe(item), count: item.quantity })).join(', ') })}</p>
            ) : null}
            <p className="text-gray-800">{t(`storeReturns.statusDetail.${ret.status}`)}</p>
            {ret.refunded ? <p className="font-medium">{t('storeReturns.refunded', { amount: format.money(ret.refunded) })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
