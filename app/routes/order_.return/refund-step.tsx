import { useTranslation } from 'react-i18next';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { useFormatters } from '~/components/format';
import type { ExchangeOffer, ExchangeOption } from '~/policy/exchange-options';
import { ItemPicture } from '~/routes/order/item-list';
import { choiceCardClass, FieldError, lineErrors, StepForm } from './step-parts';

/** The option's stock and price difference, in a few words ("Only 2 left · €4.00 to pay"). */
function OptionFacts({ option }: { option: ExchangeOption }) {
  const { t } = useTranslation('returns');
  const format = useFormatters();
  const stock = option.stock.state === 'sold_out'
    ? t('outcome.soldOut')
    : option.stock.state === 'low' && option.stock.left !== null ? t('outcome.left', { count: option.stock.left }) : t('outcome.inStock');
  const difference = option.difference.settle === 'none' ? t('outcome.samePrice') : t(`outcome.difference.${option.difference.settle}`, { amount: format.money(option.difference.amount) });
  return (
    <span className="block text-sm text-gray-800">
      <span className={option.stock.state === 'low' ? 'font-semibold text-amber-900' : undefined}>{stock}</span>
      {option.stock.state === 'sold_out' ? null : <> · {difference}</>}
    </span>
  );
}

/** One variant as a swatch: a radio drawn as a button; sold-out ones shown, greyed and not choosable. */
function Swatch({ name, option, checked, withProduct }: { name: string; option: ExchangeOption; checked: boolean; withProduct: boolean }) {
  return (
    <label className={`${choiceCardClass} flex min-h-14 items-start gap-2 p-3 ${option.available ? 'cursor-pointer' : 'cursor-not-allowed border-dashed bg-gray-50 text-gray-700'}`}>
      <input type="radio" name={name} value={option.variantId} data-exchange="" disabled={!option.available} defaultChecked={checked && option.available} className="mt-1 size-5 shrink-0 accent-brand-700" />
      {option.image ? (
        // The text beside it names the variant: the picture adds nothing for a screen reader.
        <img src={option.image.url} alt="" width={48} height={48} loading="lazy" className={`size-12 shrink-0 rounded-md bg-brand-100 object-cover ${option.available ? '' : 'opacity-50 grayscale'}`} />
      ) : null}
      <span className="min-w-0">
        <span className="block font-semibold">{withProduct ? `${option.productTitle} — ${option.variantTitle}` : option.variantTitle}</span>
        <OptionFacts option={option} />
      </span>
    </label>
  );
}

/** One item's choice: its money back, or another variant of it, or another product the policy allows. */
function LineOutcome({ view, lineId, index, offer }: { view: ReturnStepView; lineId: string; index: number; offer: Extract<ExchangeOffer, { offered: true }> }) {
  const { t } = useTranslation(['returns', 'policy']);
  const line = view.form.lines.find((candidate) => candidate.fulfillmentLineItemId === lineId);
  const answer = view.answers[lineId];
  const name = `lines[${index}].choice`;
  const chosen = answer?.exchange?.variantId ?? 'refund';
  // A choice sold out since it was made says so, even when no post reported it yet.
  const stale = [...offer.sameProduct, ...offer.otherProducts].find((option) => option.variantId === chosen && option.unavailable);
  const errors = [...new Set([...lineErrors(view, lineId, 'exchange'), ...(stale?.unavailable ? [stale.unavailable.key] : [])])];
  const errorId = `${lineId}-exchange-error`;
  return (
    <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm sm:p-5" aria-describedby={errors.length ? errorId : undefined}>
      <legend className="sr-only">{line?.title}</legend>
      <input type="hidden" name={`lines[${index}].id`} value={lineId} />
      <div className="flex items-center gap-3" aria-hidden="true">
        <ItemPicture image={line?.image ?? null} />
        <div className="min-w-0">
          <p className="font-semibold">{answer?.quantity ?? 1} × {line?.title}</p>
          {line?.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
        </div>
      </div>
      <FieldError id={errorId} messages={errors.map((key) => t(key))} />
      <label className={`${choiceCardClass} flex min-h-14 cursor-pointer items-center gap-3 p-3 font-medium`}>
        <input type="radio" name={name} value="refund" data-refund="" defaultChecked={chosen === 'refund'} className="size-5 shrink-0 accent-brand-700" />
        {t('outcome.refund')}
      </label>
      {offer.sameProduct.length > 0 ? (
        <div>
          <p className="mb-2 font-semibold text-brand-900">{t('outcome.sameProduct')}</p>
          <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2 sm:grid-cols-3">
            {offer.sameProduct.map((option) => <Swatch key={option.variantId} name={name} option={option} checked={chosen === option.variantId} withProduct={false} />)}
          </div>
        </div>
      ) : null}
      {offer.otherProducts.length > 0 ? (
        <div>
          <p className="mb-2 font-semibold text-brand-900">{t('outcome.otherProducts')}</p>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {offer.otherProducts.map((option) => <Swatch key={option.variantId} name={name} option={option} checked={chosen === option.variantId} withProduct />)}
          </div>
        </div>
      ) : null}
      <p className="text-sm"><a href={`/policy#clause-${offer.clauseId}`} className="text-brand-700 underline underline-offset-2">{t('outcome.clause', { clauseId: offer.clauseId })}</a></p>
    </fieldset>
  );
}

/**
 * Step 3: for each item whose reason allows it, the money back or an exchange (variants as
 * swatches, stock and price difference on each); then how money comes back, asked only while some
 * item comes back as money. One form, radio buttons only: it works with JavaScript off.
 */
export function RefundStep({ view }: { view: ReturnStepView }) {
  const { t } = useTranslation('returns');
  const chosenMethod = view.refundMethod ?? view.form.refundMethods[0]?.id;
  const lineIds = Object.keys(view.answers);
  // An offer with nothing to list (an order paid in another currency than the shop's prices) is no offer.
  const hasOptions = (offer: ExchangeOffer | undefined): offer is Extract<ExchangeOffer, { offered: true }> =>
    offer?.offered === true && offer.sameProduct.length + offer.otherProducts.length > 0;
  const offered = lineIds.filter((id) => hasOptions(view.exchanges[id]));
  return (
    <StepForm step="refund">
      <div data-outcomes="" className="space-y-5">
        {offered.length > 0 ? (
          <section aria-labelledby="outcome-title" className="space-y-3">
            <h2 id="outcome-title" className="text-xl font-bold text-brand-900">{t('outcome.title')}</h2>
            {lineIds.map((id, index) => {
              const offer = view.exchanges[id];
              // An item that can only be refunded still says so, for the rule that hides the methods.
              if (!hasOptions(offer)) return <input key={id} type="checkbox" hidden data-refund="" defaultChecked readOnly />;
              return <LineOutcome key={id} view={view} lineId={id} index={index} offer={offer} />;
            })}
          </section>
        ) : null}
        <fieldset data-refund-methods="" className="space-y-3">
          <legend className="text-xl font-bold text-brand-900">{t('refund.title')}</legend>
          {view.form.refundMethods.map((method) => (
            <label key={method.id} className={`${choiceCardClass} flex min-h-14 cursor-pointer items-center gap-3 p-4 font-medium`}>
              <input type="radio" name="refundMethod" value={method.id} defaultChecked={chosenMethod === method.id} className="size-6 shrink-0 accent-brand-700" />
              {method.id === 'store_credit' && method.bonusPercent > 0 ? t('refund.storeCreditBonus', { percent: method.bonusPercent }) : t(`refund.${method.id}`)}
            </label>
          ))}
        </fieldset>
      </div>
    </StepForm>
  );
}
