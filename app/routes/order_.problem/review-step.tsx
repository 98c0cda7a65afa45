import { useTranslation } from 'react-i18next';
import type { ProblemPage } from '~/cases/problem/problem-request.server';
import { PostForm } from '~/components/form/post-form';
import { useFormatters } from '~/components/format';
import { PolicyReasonText } from '~/components/policy/reason-text';
import { card, heading, ParcelSummary, primaryButton, problemUrl, secondaryButton } from './problem-parts';

type Review = Extract<ProblemPage, { step: 'review' }>;

/** The answers again, as hidden fields: the confirmation and "change" post them back, to be decided again. */
function Answers({ page }: { page: Review }) {
  const { answers } = page;
  return (
    <>
      <input type="hidden" name="parcelId" value={answers.parcelId} />
      <input type="hidden" name="type" value={answers.type} />
      <input type="hidden" name="idempotencyKey" value={answers.idempotencyKey} />
      <input type="hidden" name="description" value={answers.description} />
      {answers.lines.map((line, index) => (
        <span key={line.lineItemId} hidden>
          <input type="hidden" name={`lines[${index}].lineItemId`} value={line.lineItemId} />
          {line.selected ? <input type="hidden" name={`lines[${index}].selected`} value="on" /> : null}
          <input type="hidden" name={`lines[${index}].quantity`} value={line.quantity} />
        </span>
      ))}
      {answers.photoKeys.map((key, index) => <input key={key} type="hidden" name={`photoKeys[${index}]`} value={key} />)}
    </>
  );
}

/** Step 3: what the store will do, in plain words, the report as it will be sent, and the confirmation. */
export function ReviewStep({ page }: { page: Review }) {
  const { t } = useTranslation(['problem', 'policy']);
  const format = useFormatters();
  const { offer, answers } = page;
  const amount = offer.amount ? format.money(offer.amount) : '';
  return (
    <>
      <section aria-labelledby="problem-offer" className={`${card} space-y-2 border-l-4 border-green-700`}>
        <h2 id="problem-offer" className={heading}>{t('review.title')}</h2>
        <p className="text-lg font-semibold">{t(`review.offer.${offer.outcome}`, { amount })}</p>
        <p className="text-gray-800">{t(`review.offerDetail.${offer.outcome}`)}</p>
        {offer.reasons.length ? (
          <ul className="list-disc space-y-1 pl-5 text-gray-800">
            {offer.reasons.map((reason) => <li key={`${reason.key}-${reason.clauseId}`}><PolicyReasonText reason={reason} /></li>)}
          </ul>
        ) : (
          <p className="text-sm text-gray-800">
            {t('review.clause')} <a href={`/policy#clause-${offer.clause.id}`} className="text-brand-700 underline underline-offset-2">{t('returns:lines.clause', { clauseId: offer.clause.id, title: offer.clause.title ?? '' })}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="problem-report" className={`${card} space-y-4`}>
        <h2 id="problem-report" className={heading}>{t('review.report')}</h2>
        <p><span className="font-semibold">{t('review.type')}:</span> {t(`policy:problems.type.${answers.type}`)}</p>
        <ParcelSummary parcel={{ ...page.parcel, lines: offer.lines }} headingLevel={3} />
        {answers.description.trim() ? (
          <figure>
            <figcaption className="font-bold text-brand-900">{t('review.description')}</figcaption>
            <blockquote className="mt-1 whitespace-pre-line break-words border-l-4 border-brand-100 pl-3">{answers.description.trim()}</blockquote>
          </figure>
        ) : null}
        <p>{answers.photoKeys.length ? t('review.photos', { count: answers.photoKeys.length }) : t('review.noPhotos')}</p>
        <PostForm action={problemUrl(answers.parcelId, answers.type)} className="flex flex-col gap-3 sm:flex-row">
          <Answers page={page} />
          <button type="submit" name="intent" value="confirm" className={primaryButton}>{t('review.confirm')}</button>
          <button type="submit" name="intent" value="edit" className={secondaryButton}>{t('review.edit')}</button>
        </PostForm>
      </section>
    </>
  );
}
