import { useTranslation } from 'react-i18next';
import type { CaseViewOf } from '~/cases/case-view';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';

const card = 'rounded-lg bg-white p-5 shadow-sm';
const heading = 'text-xl font-bold text-brand-900';

/** What happens next, in plain words: the offer under way, done, with the team, or refused. */
function NextStep({ view }: { view: CaseViewOf<'problem'> }) {
  const { t } = useTranslation('problem');
  const format = useFormatters();
  const paid = view.carriedOut?.amount ?? view.amount;
  const amount = paid ? format.money(paid) : '';
  const items = view.lines.map((line) => `${line.quantity} × ${[line.title, line.variantTitle].filter(Boolean).join(' — ')}`).join(', ');
  if (view.progress === 'declined') return <p>{t('case.declined')}</p>;
  const group = view.progress === 'done' ? 'case.done' : 'case.next';
  return <p className="text-lg">{t(`${group}.${view.progress === 'with_team' ? 'review' : view.carriedOut?.outcome ?? view.outcome}`, { amount, items, order: view.carriedOut?.orderName ?? '' })}</p>;
}

/** The report's part of the shopper's case page: what happens next, then the report as sent: parcel, items, words, photos. */
export function ProblemCaseBody({ view }: { view: CaseViewOf<'problem'> }) {
  const { t } = useTranslation(['problem', 'policy', 'orders']);
  const { parcel } = view;
  return (
    <>
      <section aria-labelledby="problem-next" aria-live="polite" className={`space-y-2 ${card} ${view.progress === 'done' ? 'bg-green-50' : ''}`}>
        <h2 id="problem-next" className={heading}>{t('case.title')}</h2>
        <NextStep view={view} />
        {view.reviewReasons.length ? (
          <ul className="list-disc space-y-1 pl-5 text-gray-800">
            {view.reviewReasons.map((reason) => <li key={`${reason.key}-${reason.clauseId}`}><PolicyReasonText reason={reason} /></li>)}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="problem-report" className={`space-y-4 ${card}`}>
        <h2 id="problem-report" className={heading}>{t('case.report')}</h2>
        <p className="font-semibold">{t(`policy:problems.type.${view.problemType}`)}</p>
        <div>
          <h3 className="font-bold text-brand-900">{t('case.parcel')}</h3>
          <p>{parcel.carrier ?? t('parcel.unknownCarrier')} · {t('parcel.status', { status: t(`orders:status.${parcel.status}`) })}</p>
          <p>
            <span className="break-all">{parcel.trackingNumber ? t('parcel.tracking', { number: parcel.trackingNumber }) : t('parcel.noTracking')}</span>
            {parcel.trackingUrl ? <> · <a href={parcel.trackingUrl} className="text-brand-700 underline underline-offset-2" rel="noreferrer noopener" target="_blank">{t('parcel.track')}</a></> : null}
          </p>
        </div>
        <div>
          <h3 className="font-bold text-brand-900">{t('case.items')}</h3>
          <ul className="divide-y divide-brand-100">
            {view.lines.map((line) => (
              <li key={line.lineItemId} className="py-2">
                <p className="font-medium">{line.quantity} × {line.title}</p>
                {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
              </li>
            ))}
          </ul>
        </div>
        {view.description ? (
          <figure>
            <figcaption className="font-bold text-brand-900">{t('case.description')}</figcaption>
            <blockquote className="mt-1 whitespace-pre-line break-words border-l-4 border-brand-100 pl-3 text-gray-900">{view.description}</blockquote>
          </figure>
        ) : null}
        {view.photoUrls.length ? (
          <div>
            <h3 className="font-bold text-brand-900">{t('case.photos')}</h3>
            <ul className="mt-2 flex flex-wrap gap-3">
              {view.photoUrls.map((url, index) => (
                <li key={url}><img src={url} alt={t('case.photo', { number: index + 1 })} width={96} height={96} className="size-24 rounded-md bg-brand-100 object-cover" /></li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </>
  );
}
