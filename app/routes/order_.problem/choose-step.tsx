import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ProblemPage } from '~/cases/problem/problem-request.server';
import type { ProblemOptionView } from '~/cases/problem/problem-view';
import { useCalendarDate } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';
import { card, choiceClass, FormErrors, linkClass, ParcelSummary, primaryButton, problemUrl } from './problem-parts';

type Choose = Extract<ProblemPage, { step: 'choose' }>;
type Offered = Extract<ProblemOptionView, { offered: true }>;

/** The problems offered for one parcel, as radio choices (a GET: works without JavaScript), and why not the others. */
function TypeChoice({ parcelId, options }: { parcelId: string; options: ProblemOptionView[] }) {
  const { t } = useTranslation(['problem', 'policy']);
  const calendar = useCalendarDate();
  const offered = options.filter((option): option is Offered => option.offered);
  const refused = options.filter((option) => !option.offered);
  return (
    <>
      {offered.length ? (
        <Form method="get" action="/order/problem" className="space-y-4">
          <input type="hidden" name="parcel" value={parcelId} />
          <fieldset className="space-y-2">
            <legend className="mb-2 text-lg font-bold text-brand-900">{t('types.legend')}</legend>
            {offered.map((option) => (
              <label key={option.type} className={choiceClass}>
                <input type="radio" name="type" value={option.type} required defaultChecked={offered.length === 1} className="mt-1 size-5 shrink-0" />
                <span>
                  <span className="block font-semibold">{t(`policy:problems.type.${option.type}`)}</span>
                  <span className="block text-sm text-gray-800">
                    {[
                      t(`policy:problems.outcome.${option.outcome}`),
                      option.photos ? t('types.photos', { count: option.photos }) : null,
                      option.reportBy ? t('types.reportBy', { date: calendar(option.reportBy) }) : null,
                    ].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className={primaryButton}>{t('types.continue')}</button>
        </Form>
      ) : <p className="text-gray-900">{t('types.nothingOffered')}</p>}
      {refused.length ? (
        <section aria-labelledby={`refused-${parcelId}`} className="mt-5 border-t border-brand-100 pt-4">
          <h3 id={`refused-${parcelId}`} className="font-bold text-brand-900">{t('types.notOffered')}</h3>
          <ul className="mt-2 space-y-3">
            {refused.map((option) => option.offered ? null : (
              <li key={option.type}>
                <p className="font-semibold">{t(`policy:problems.type.${option.type}`)}</p>
                <p className="text-gray-800"><PolicyReasonText reason={option.refusal} /></p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** Step 1: the parcel (preselected from the order page's link, or the only one) and the problem with it. */
export function ChooseStep({ page }: { page: Choose }) {
  const { t } = useTranslation('problem');
  const chosen = page.parcels.find((entry) => entry.parcel.id === page.selected);
  if (page.parcels.length === 0) return <section className={card}><p>{t('parcel.none')}</p></section>;
  return (
    <>
      <FormErrors id="problem-errors" messages={page.errors.map((key) => t(key))} />
      {chosen ? (
        <section aria-labelledby="problem-parcel" className={`${card} space-y-4`}>
          <ParcelSummary parcel={chosen.parcel} headingId="problem-parcel" />
          <TypeChoice parcelId={chosen.parcel.id} options={chosen.options} />
          {page.parcels.length > 1 ? <p><a href={problemUrl()} className={linkClass}>{t('parcel.another')}</a></p> : null}
        </section>
      ) : (
        page.parcels.map(({ parcel }) => (
          <section key={parcel.id} aria-labelledby={`parcel-${parcel.number}`} className={`${card} space-y-3`}>
            <ParcelSummary parcel={parcel} headingId={`parcel-${parcel.number}`} />
            <a href={problemUrl(parcel.id)} className={`${linkClass} inline-block min-h-11 py-2`}>{t('parcel.choose')}</a>
          </section>
        ))
      )}
    </>
  );
}
