import { useTranslation } from 'react-i18next';
import { RETURN_STEPS, type ReturnStepName } from '~/cases/drafts/return-draft';
import { stepUrl } from './step-parts';

/** Where the shopper is among the steps; steps already open are links back to them. */
export function StepProgress({ current, furthest }: { current: ReturnStepName; furthest: ReturnStepName }) {
  const { t } = useTranslation('returns');
  const reachable = RETURN_STEPS.indexOf(furthest);
  const at = RETURN_STEPS.indexOf(current);
  return (
    <nav aria-label={t('steps.label')}>
      <ol className="flex gap-2">
        {RETURN_STEPS.map((step, index) => {
          const label = (
            <>
              <span aria-hidden="true" className={`block h-1.5 rounded-full ${index <= at ? 'bg-brand-700' : 'bg-gray-300'}`} />
              <span className="mt-1 block text-sm leading-tight">
                <span className="sr-only">{t('steps.number', { number: index + 1, total: RETURN_STEPS.length })} </span>
                {t(`steps.${step}`)}
              </span>
            </>
          );
          return (
            // Each step as wide as its longest word at least: "Remboursement ou échange" wraps, never overlaps "Motifs".
            <li key={step} className="flex-auto">
              {step === current ? (
                <span aria-current="step" className="block font-bold text-brand-900">{label}</span>
              ) : index <= reachable ? (
                <a href={stepUrl(step)} className="block min-h-11 text-brand-700 underline underline-offset-2">{label}</a>
              ) : (
                <span className="block text-gray-700">{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
