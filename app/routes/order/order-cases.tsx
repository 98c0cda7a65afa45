import { useTranslation } from 'react-i18next';
import type { toCaseSummaries } from '~/cases/case-view';
import type { ItemReturnabilityView } from '~/cases/return/order-returnability';
import { useFormatters } from '~/components/format';
import { UnreturnableItems } from './unreturnable-items';

/** The way into a return, and the requests already opened on this order. */
export function OrderCases({ cases, canReturn, items }: {
  cases: ReturnType<typeof toCaseSummaries>;
  canReturn: boolean;
  /** Why items cannot be returned; empty when there is nothing to say (or it is not known). */
  items: ItemReturnabilityView[];
}) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  const explains = items.some((item) => item.reasons.length > 0);
  if (!canReturn && cases.length === 0 && !explains) return null;
  return (
    <section aria-labelledby="cases-title" className="space-y-3 rounded-lg bg-white p-5 shadow-sm">
      <h2 id="cases-title" className="text-xl font-bold text-brand-900">{cases.length ? t('case.list') : canReturn ? t('start') : t('onOrder.title')}</h2>
      {cases.length ? (
        <ul className="divide-y divide-brand-100">
          {cases.map((found) => (
            <li key={found.id} className="py-2">
              <a href={`/cases/${found.id}`} className="font-semibold text-brand-700 underline underline-offset-2">{t([`case.titles.${found.kind}`, 'case.title'], { id: found.id })}</a>
              <p className="text-sm text-gray-700">{t(found.stateKeys)} · {format.date(found.createdAt)}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canReturn ? (
        <a href="/order/return" className="inline-block rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900">{t('start')}</a>
      ) : null}
      <UnreturnableItems items={items} />
    </section>
  );
}
