import { useTranslation } from 'react-i18next';
import type { ReturnStepName } from '~/cases/drafts/return-draft';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { useFormatters } from '~/components/format';
import { ItemPicture } from '~/routes/order/item-list';
import { ReasonText } from './refused-line';
import { cardClass, primaryButtonClass, stepUrl, StepForm } from './step-parts';

function EditLink({ step, what }: { step: ReturnStepName; what: string }) {
  const { t } = useTranslation('returns');
  return <a href={stepUrl(step)} className="inline-block min-h-11 py-2 font-semibold text-brand-700 underline underline-offset-2">{t('review.editStep', { what })}</a>;
}

/** Step 4: what the store will receive (pictures, reasons, photos), what it costs, the clauses; then send. */
export function ReviewStep({ view }: { view: ReturnStepView }) {
  const { t } = useTranslation(['returns', 'policy']);
  const format = useFormatters();
  const review = view.review;
  if (!review) return null;
  const lineOf = new Map(view.form.lines.map((line) => [line.fulfillmentLineItemId, line]));
  const refundMethod = view.form.refundMethods.find((method) => method.id === view.refundMethod);
  // Some item comes back as money (not every one exchanged): the refund and its method are shown.
  const refunded = review.lines.some((line) => !line.exchange);
  return (
    <StepForm step="review" submit={<button type="submit" name="intent" value="submit" className={primaryButtonClass}>{t('review.submit')}</button>}>
      <section aria-labelledby="review-items" className={cardClass}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="review-items" className="text-xl font-bold text-brand-900">{t('review.title')}</h2>
          <EditLink step="items" what={t('steps.items')} />
        </div>
        <ul className="divide-y divide-brand-100">
          {review.lines.map((line) => {
            const item = lineOf.get(line.fulfillmentLineItemId);
            const answer = view.answers[line.fulfillmentLineItemId];
            return (
              <li key={line.fulfillmentLineItemId} className="flex gap-3 py-3">
                <ItemPicture image={item?.image ?? null} />
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{line.quantity} × {line.title}</p>
                  {item?.variantTitle ? <p className="text-sm text-gray-700">{item.variantTitle}</p> : null}
                  <p className="text-sm text-gray-800">{line.reason}</p>
                  {answer?.note ? <p className="text-sm italic text-gray-800">“{answer.note}”</p> : null}
                  {answer?.photos.length ? (
                    <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('review.photos')}>
                      {answer.photos.map((photo, index) => (
                        <li key={photo.key}><img src={photo.url} alt={t('why.photo', { number: index + 1 })} width={56} height={56} className="size-14 rounded-md object-cover" /></li>
                      ))}
                    </ul>
                  ) : null}
                  {line.exchange ? (
                    <div className="mt-2 rounded-md bg-brand-50 p-2 text-sm">
                      <p className="font-semibold">{t('review.exchangeFor', { item: `${line.exchange.productTitle} — ${line.exchange.variantTitle}` })}</p>
                      <p>{line.exchange.settle === 'none' ? t('review.settle.none') : t(`review.settle.${line.exchange.settle}`, { amount: format.money(line.exchange.difference) })}</p>
                    </div>
                  ) : (
                    <p className="mt-1 text-sm">{t('review.estimatedRefund')}: {format.money(line.estimatedRefund)}{Number(line.fee.amount) > 0 ? ` (${t('review.fees')}: ${format.money(line.fee)})` : ''}</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        <EditLink step="why" what={t('steps.why')} />
      </section>
      <section aria-labelledby="review-refund" className={cardClass}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="review-refund" className="text-xl font-bold text-brand-900">{refunded ? t('refund.title') : t('review.exchangeTitle')}</h2>
          <EditLink step="refund" what={t('steps.refund')} />
        </div>
        {refunded && refundMethod ? <p>{refundMethod.id === 'store_credit' && refundMethod.bonusPercent > 0 ? t('refund.storeCreditBonus', { percent: refundMethod.bonusPercent }) : t(`refund.${refundMethod.id}`)}</p> : null}
        {refunded ? <dl className="mt-3 space-y-1 border-t border-brand-100 pt-3">
          <div className="flex justify-between"><dt>{t('review.itemsValue')}</dt><dd>{format.money(review.totals.itemsValue)}</dd></div>
          <div className="flex justify-between"><dt>{t('review.fees')}</dt><dd>− {format.money(review.totals.fees)}</dd></div>
          {Number(review.totals.bonus.amount) > 0 ? <div className="flex justify-between"><dt>{t('review.bonus')}</dt><dd>+ {format.money(review.totals.bonus)}</dd></div> : null}
          <div className="flex justify-between text-lg font-bold"><dt>{t('review.estimatedRefund')}</dt><dd>{format.money(review.totals.estimatedRefund)}</dd></div>
        </dl> : null}
        {Number(review.settlements.invoice.amount) > 0 ? (
          <p className="mt-3 font-semibold">{t('review.toPay', { amount: format.money(review.settlements.invoice) })}</p>
        ) : null}
        {Number(review.settlements.refund.amount) > 0 ? <p className="mt-3">{t('review.differenceBack', { amount: format.money(review.settlements.refund) })}</p> : null}
        {Number(review.settlements.store_credit.amount) > 0 ? <p className="mt-3">{t('review.differenceCredit', { amount: format.money(review.settlements.store_credit) })}</p> : null}
        {review.exchangeShips ? <p className="mt-3 font-medium">{t(`review.ships.${review.exchangeShips}`)}</p> : null}
        {review.keepItems ? <p className="mt-3 font-medium">{t('review.keepItems')}</p> : null}
        {review.needsReview ? <p className="mt-3 font-medium text-amber-900">{t('review.needsReview')}</p> : null}
        {review.reviewReasons.map((reason) => <p key={reason.key} className="text-gray-800"><ReasonText reason={reason} /></p>)}
        <h3 className="mt-4 font-semibold">{t('review.clauses')}</h3>
        <ul className="list-disc pl-5">
          {review.clauses.map((clause) => (
            <li key={clause.id}><a href={`/policy#clause-${clause.id}`} className="text-brand-700 underline underline-offset-2">{t('lines.clause', { clauseId: clause.id, title: clause.title ?? '' })}</a></li>
          ))}
        </ul>
      </section>
    </StepForm>
  );
}
