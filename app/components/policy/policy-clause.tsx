import { useTranslation } from 'react-i18next';
import type { PolicyClauseView } from '~/policy/policy-page';

/** `clause-3.2`: the anchor a refusal links to (`/policy#clause-3.2`). */
export const clauseAnchor = (clauseId: string) => `clause-${clauseId}`;

/** One clause: its number (a link to itself, to copy), its title, its text and any list under it. */
export function PolicyClause({ clause }: { clause: PolicyClauseView }) {
  const { t } = useTranslation('policy');
  const anchor = clauseAnchor(clause.id);
  return (
    // scroll-mt keeps the heading clear of the top edge; :target marks the clause a refusal linked to.
    <article id={anchor} aria-labelledby={`${anchor}-title`} className="scroll-mt-4 rounded-md p-3 target:bg-amber-50 target:ring-2 target:ring-amber-600">
      <h3 id={`${anchor}-title`} className="text-lg font-semibold text-brand-900">
        <a href={`#${anchor}`} className="mr-2 text-brand-700 underline underline-offset-2" aria-label={t('page.clause', { clauseId: clause.id })}>
          {clause.id}
        </a>{' '}
        {clause.title}
      </h3>
      <p className="mt-1 text-gray-800">{clause.text}</p>
      {clause.items.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-6 text-gray-800">
          {clause.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      {clause.checks.length > 0 ? (
        <>
          <h4 className="mt-3 font-semibold text-brand-900">{t('page.checksTitle')}</h4>
          <dl className="mt-1 space-y-1 text-gray-800">
            {clause.checks.map((check) => (
              <div key={check.reason} className="sm:flex sm:gap-2">
                <dt className="font-semibold">{check.reason}</dt>
                <dd>{check.conditions.length ? check.conditions.join(' · ') : t('page.noChecks')}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </article>
  );
}
