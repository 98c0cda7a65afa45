import { useTranslation } from 'react-i18next';
import type { ProblemParcelView } from '~/cases/problem/problem-view';
import { ItemPicture } from '~/routes/order/item-list';

export const card = 'rounded-lg bg-white p-4 shadow-sm sm:p-5';
export const heading = 'text-xl font-bold text-brand-900';
export const primaryButton = 'min-h-12 w-full rounded-md bg-brand-700 px-5 py-3 text-lg font-semibold text-white hover:bg-brand-900 sm:w-auto';
export const secondaryButton = 'min-h-12 w-full rounded-md border-2 border-brand-700 bg-white px-5 py-3 font-semibold text-brand-700 hover:bg-brand-50 sm:w-auto';
export const linkClass = 'font-semibold text-brand-700 underline underline-offset-2';
export const choiceClass = 'flex min-h-11 items-start gap-3 rounded-lg border-2 border-gray-300 bg-white p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50';

export const problemUrl = (parcelId?: string, type?: string) =>
  `/order/problem${parcelId ? `?parcel=${encodeURIComponent(parcelId)}${type ? `&type=${type}` : ''}` : ''}`;

const STEPS = ['choose', 'details', 'review'] as const;

/** The page's title, and where the shopper is among the three steps. */
export function StepHeader({ orderName, step }: { orderName: string; step: (typeof STEPS)[number] }) {
  const { t } = useTranslation('problem');
  const at = STEPS.indexOf(step);
  return (
    <header className={`${card} space-y-3 border-l-4 border-brand-600`}>
      <h1 id="problem-title" className="text-2xl font-bold text-brand-900">{t('title', { name: orderName })}</h1>
      {step === 'choose' ? <p className="text-gray-800">{t('intro')}</p> : null}
      <nav aria-label={t('steps.label')}>
        <ol className="flex gap-2">
          {STEPS.map((name, index) => (
            <li key={name} className="flex-1" aria-current={index === at ? 'step' : undefined}>
              <span aria-hidden="true" className={`block h-1.5 rounded-full ${index <= at ? 'bg-brand-700' : 'bg-gray-300'}`} />
              <span className={`mt-1 block text-sm leading-tight ${index === at ? 'font-bold text-brand-900' : 'text-gray-700'}`}>
                <span className="sr-only">{t('steps.current', { number: index + 1 })}: </span>{t(`steps.${name}`)}
              </span>
            </li>
          ))}
        </ol>
      </nav>
    </header>
  );
}

/** One parcel as the shopper knows it: carrier, tracking, status, and what it held. */
export function ParcelSummary({ parcel, headingId, headingLevel = 2 }: { parcel: ProblemParcelView; headingId?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(['problem', 'orders']);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="space-y-2">
      <Heading id={headingId} className={headingLevel === 2 ? heading : 'font-bold text-brand-900'}>{t('parcel.title', { number: parcel.number })}</Heading>
      <p className="text-gray-900">
        {parcel.carrier ? t('parcel.carrier', { carrier: parcel.carrier }) : t('parcel.unknownCarrier')} · {t('parcel.status', { status: t(`orders:status.${parcel.status}`) })}
      </p>
      <p className="text-gray-900">
        <span className="break-all">{parcel.trackingNumber ? t('parcel.tracking', { number: parcel.trackingNumber }) : t('parcel.noTracking')}</span>
        {parcel.trackingUrl ? <> · <a href={parcel.trackingUrl} className={linkClass} target="_blank" rel="noreferrer noopener">{t('parcel.track')}</a></> : null}
      </p>
      <ul className="divide-y divide-brand-100" aria-label={t('parcel.contents')}>
        {parcel.lines.map((line) => (
          <li key={line.lineItemId} className="flex items-center gap-3 py-2">
            <ItemPicture image={line.image} />
            <div>
              <p className="font-medium">{line.quantity} × {line.title}</p>
              {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Errors of a post, translated: shown at the top, announced. */
export function FormErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return <p id={id} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">{messages.join(' ')}</p>;
}
