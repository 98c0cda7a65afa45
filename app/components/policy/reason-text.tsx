import { useTranslation } from 'react-i18next';
import { useCalendarDate, useFormatters } from '~/components/format';

/** A policy reason as a page receives it: the engine's key and values, and the clause with its title. */
export type PolicyReasonView = { key: string; clauseId: string; clauseTitle: string | null; facts: Record<string, string | number> };

const CALENDAR_FACT = /On$|Day$/;
const INSTANT_FACT = /At$/;
const MONEY_FACTS = new Set(['limit', 'orderTotal', 'amount']);

/**
 * A policy's reason in the shopper's words, with its values printed for them (calendar dates,
 * instants in the store's zone, amounts in the order's currency) and a link to the clause.
 */
export function PolicyReasonText({ reason }: { reason: PolicyReasonView }) {
  const { t } = useTranslation(['policy', 'returns']);
  const calendar = useCalendarDate();
  const format = useFormatters();
  const currencyCode = typeof reason.facts['currencyCode'] === 'string' ? reason.facts['currencyCode'] : null;
  const facts = Object.fromEntries(Object.entries(reason.facts).map(([name, value]) => {
    if (typeof value !== 'string') return [name, value];
    if (CALENDAR_FACT.test(name)) return [name, calendar(value)];
    if (INSTANT_FACT.test(name)) return [name, format.dateTime(value)];
    if (currencyCode && MONEY_FACTS.has(name)) return [name, format.money({ amount: value, currencyCode })];
    return [name, value];
  }));
  return (
    <>
      {t(reason.key, facts)}{' '}
      <a href={`/policy#clause-${reason.clauseId}`} className="text-brand-700 underline underline-offset-2">
        {t('returns:lines.clause', { clauseId: reason.clauseId, title: reason.clauseTitle ?? '' })}
      </a>
    </>
  );
}
