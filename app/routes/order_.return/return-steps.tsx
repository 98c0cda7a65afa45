import { useTranslation } from 'react-i18next';
import type { ReturnStepView } from '~/cases/return/return-step-view';
import { ItemsStep } from './items-step';
import { RefundStep } from './refund-step';
import { RefusedLine } from './refused-line';
import { ReviewStep } from './review-step';
import { cardClass } from './step-parts';
import { StepProgress } from './step-progress';
import { WhyStep } from './why-step';

/** The return flow's page: title, progress, what went wrong at the last post, and the step. */
export function ReturnSteps({ view, orderName, contactEmail, refused }: { view: ReturnStepView; orderName: string; contactEmail: string; refused: string[] }) {
  const { t } = useTranslation(['returns', 'common']);
  const eligible = view.form.lines.filter((line) => line.decision !== 'not_eligible' && line.returnableQuantity > 0);
  const notReturnable = view.form.lines.filter((line) => line.decision === 'not_eligible');
  const hasLineErrors = Object.keys(view.errors?.lines ?? {}).length > 0;
  const alerts = [...refused, ...(view.errors?.form ?? [])].map((key) => t(key));
  if (alerts.length === 0 && hasLineErrors) alerts.push(t('errors.checkAnswers'));
  return (
    <section aria-labelledby="return-title" className="space-y-5">
      <header className={`${cardClass} space-y-3`}>
        <h1 id="return-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
        <StepProgress current={view.step} furthest={view.furthest} />
        {view.step === 'items' ? (
          <>
            <p className="text-gray-800">{t('intro')}</p>
            <p><a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('policyLink')}</a></p>
          </>
        ) : null}
      </header>
      {alerts.length ? <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">{alerts.join(' ')}</div> : null}
      {view.step === 'items' && notReturnable.length > 0 ? (
        <ul className="space-y-3">{notReturnable.map((line) => <RefusedLine key={line.fulfillmentLineItemId} line={line} contact={{ email: contactEmail, orderName }} />)}</ul>
      ) : null}
      {view.step === 'items' && eligible.length === 0 ? <p className={cardClass}>{t('errors.nothingReturnable')}</p> : null}
      {view.step === 'items' && eligible.length > 0 ? <ItemsStep view={view} /> : null}
      {view.step === 'why' ? <WhyStep view={view} /> : null}
      {view.step === 'refund' ? <RefundStep view={view} /> : null}
      {view.step === 'review' ? <ReviewStep view={view} /> : null}
    </section>
  );
}
