import { useTranslation } from 'react-i18next';
import type { ReasonView, ReturnLineView } from '~/cases/return/return-view';
import { useLeaveFrameProps } from '~/components/embed';
import { useCalendarDate } from '~/components/format';
import { ItemPicture } from '~/routes/order/item-list';

const DATE_FACT = /On$|Day$/;

/** A refusal in the shopper's words: the rule, the dates behind it, and the clause to read. */
export function ReasonText({ reason }: { reason: ReasonView }) {
  const { t } = useTranslation(['policy', 'returns']);
  const calendar = useCalendarDate();
  const facts = Object.fromEntries(
    Object.entries(reason.facts).map(([name, value]) => [name, typeof value === 'string' && DATE_FACT.test(name) ? calendar(value) : value]),
  );
  return (
    <>
      {t(reason.key, facts)}{' '}
      <a href={`/policy#clause-${reason.clauseId}`} className="text-brand-700 underline underline-offset-2">
        {t('returns:lines.clause', { clauseId: reason.clauseId, title: reason.clauseTitle ?? '' })}
      </a>
    </>
  );
}

/** "Contact us" opens the shopper's mail app with the order, the item and the refusal written. */
function useContactHref(line: ReturnLineView, contact: { email: string; orderName: string }) {
  const { t } = useTranslation(['returns', 'policy']);
  const calendar = useCalendarDate();
  const reason = line.reasons[0];
  const facts = reason ? Object.fromEntries(Object.entries(reason.facts).map(([n, v]) => [n, typeof v === 'string' && DATE_FACT.test(n) ? calendar(v) : v])) : {};
  const item = [line.title, line.variantTitle].filter(Boolean).join(' – ');
  const values = {
    item,
    order: contact.orderName,
    reason: reason ? t(reason.key, facts) : '',
    clause: reason ? t('returns:lines.clause', { clauseId: reason.clauseId, title: reason.clauseTitle ?? '' }) : '',
  };
  const query = new URLSearchParams({ subject: t('returns:contact.subject', values), body: t('returns:contact.body', values) });
  // mailto wants %20, not the + that URLSearchParams writes for spaces.
  return `mailto:${contact.email}?${query.toString().replace(/\+/g, '%20')}`;
}

export function RefusedLine({ line, contact }: { line: ReturnLineView; contact: { email: string; orderName: string } }) {
  const { t } = useTranslation(['returns', 'policy']);
  const contactHref = useContactHref(line, contact);
  const leaveFrame = useLeaveFrameProps();
  return (
    <li className="flex gap-3 rounded-lg bg-white p-5 shadow-sm">
      <ItemPicture image={line.image} />
      <div className="min-w-0">
        <p className="font-medium">{line.title}</p>
        {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
        <p className="mt-1 font-semibold text-red-900">{t('lines.notReturnable')}</p>
        {line.reasons.map((reason) => (
          <p key={`${reason.key}-${reason.clauseId}`} className="text-gray-800"><ReasonText reason={reason} /></p>
        ))}
        {line.nextBest.includes('contact') ? (
          <p className="mt-1">
            <a href={contactHref} {...leaveFrame} className="font-semibold text-brand-700 underline underline-offset-2">{t('policy:nextBest.contact')}</a>
          </p>
        ) : null}
      </div>
    </li>
  );
}
