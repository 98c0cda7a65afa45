import type { SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { ReturnReviewView } from '~/cases/return-view';
import { PostForm } from '~/components/form/post-form';
import { useFormatters } from '~/components/format';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { ReasonText } from './refused-line';

/** Every posted value as hidden inputs, so "Change something" and "Send" both carry the whole form. */
function flatten(value: unknown, name: string): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => flatten(item, `${name}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => flatten(v, name ? `${name}.${key}` : key));
  return typeof value === 'string' ? [[name, value]] : [];
}

const SKIPPED = /^intent$|\.photos$|\.photoKeys(\[\d+\])?$/;

/** Step 2: what the store will receive, what it costs, the clauses that apply; then send. */
export function ReturnReviewStep(props: { orderName: string; review: ReturnReviewView; result: SubmissionResult<string[]>; photos: Record<number, string[]> }) {
  const { review } = props;
  const { t } = useTranslation(['returns', 'policy']);
  const format = useFormatters();
  const hidden = flatten(props.result.initialValue ?? {}, '').filter(([name]) => name !== FORM_TOKEN_FIELD && !SKIPPED.test(name));
  return (
    <section aria-labelledby="review-title" className="space-y-6">
      <div className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="review-title" className="text-2xl font-bold text-brand-900">{t('review.title')}</h1>
        <p className="mt-1 text-gray-800">{t('title', { name: props.orderName })}</p>
        <ul className="mt-4 divide-y divide-brand-100">
          {review.lines.map((line) => (
            <li key={line.fulfillmentLineItemId} className="py-3">
              <p className="font-medium">{line.quantity} × {line.title}</p>
              <p className="text-sm text-gray-700">{line.reason}</p>
              <p className="text-sm">{t('review.estimatedRefund')}: {format.money(line.estimatedRefund)}{Number(line.fee.amount) > 0 ? ` (${t('review.fees')}: ${format.money(line.fee)})` : ''}</p>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 border-t border-brand-100 pt-3">
          <div className="flex justify-between"><dt>{t('review.itemsValue')}</dt><dd>{format.money(review.totals.itemsValue)}</dd></div>
          <div className="flex justify-between"><dt>{t('review.fees')}</dt><dd>− {format.money(review.totals.fees)}</dd></div>
          {Number(review.totals.bonus.amount) > 0 ? <div className="flex justify-between"><dt>{t('review.bonus')}</dt><dd>+ {format.money(review.totals.bonus)}</dd></div> : null}
          <div className="flex justify-between text-lg font-bold"><dt>{t('review.estimatedRefund')}</dt><dd>{format.money(review.totals.estimatedRefund)}</dd></div>
        </dl>
        {review.keepItems ? <p className="mt-3 font-medium">{t('review.keepItems')}</p> : null}
        {review.needsReview ? <p className="mt-3 font-medium text-amber-900">{t('review.needsReview')}</p> : null}
        {review.reviewReasons.map((reason) => <p key={reason.key} className="text-gray-800"><ReasonText reason={reason} /></p>)}
        <h2 className="mt-4 font-semibold">{t('review.clauses')}</h2>
        <ul className="list-disc pl-5">
          {review.clauses.map((clause) => (
            <li key={clause.id}><a href={`/policy#clause-${clause.id}`} className="text-brand-700 underline underline-offset-2">{t('lines.clause', { clauseId: clause.id, title: clause.title ?? '' })}</a></li>
          ))}
        </ul>
      </div>
      <PostForm encType="multipart/form-data" className="flex flex-wrap gap-3">
        {hidden.map(([name, value]) => <input key={`${name}=${value}`} type="hidden" name={name} value={value} />)}
        {Object.entries(props.photos).flatMap(([index, keys]) => keys.map((key) => <input key={key} type="hidden" name={`lines[${index}].photoKeys`} value={key} />))}
        <button type="submit" name="intent" value="submit" className="rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900">{t('review.submit')}</button>
        <button type="submit" name="intent" value="edit" className="rounded-md border border-brand-700 px-4 py-3 font-semibold text-brand-700">{t('review.edit')}</button>
      </PostForm>
    </section>
  );
}
