import { useTranslation } from 'react-i18next';
import { useFormatters } from '~/components/format';
import type { ParcelView, TrackingEventView } from '~/orders/order-view';
import { ItemList } from './item-list';

const STATUS_STYLE: Record<ParcelView['status'], string> = {
  label_created: 'bg-gray-100 text-gray-900',
  confirmed: 'bg-gray-100 text-gray-900',
  in_transit: 'bg-blue-100 text-blue-950',
  out_for_delivery: 'bg-blue-100 text-blue-950',
  delivered: 'bg-green-100 text-green-950',
  attempted_delivery: 'bg-red-100 text-red-950',
  delayed: 'bg-amber-100 text-amber-950',
  ready_for_pickup: 'bg-amber-100 text-amber-950',
  failure: 'bg-red-100 text-red-950',
  cancelled: 'bg-gray-100 text-gray-900',
};

function EventLine({ event }: { event: TrackingEventView }) {
  const { t } = useTranslation('orders');
  const format = useFormatters();
  return (
    <>
      <p className="font-medium">{t(`status.${event.status}`)}</p>
      {/* The carrier's own words, in the carrier's language: shown under our translated status. */}
      {event.message ? <p className="text-gray-800">{event.message}</p> : null}
      <p className="text-sm text-gray-700">
        <time dateTime={event.happenedAt}>{format.dateTime(event.happenedAt)}</time>
        {event.location ? ` · ${event.location}` : null}
      </p>
    </>
  );
}

function Tracking({ parcel }: { parcel: ParcelView }) {
  const { t } = useTranslation(['orders', 'common']);
  if (!parcel.trackingNumber) return <p className="text-gray-800">{t('parcels.noTracking')}</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
      <div>
        <dt className="text-sm text-gray-700">{t('parcels.carrier')}</dt>
        <dd className="font-medium">{parcel.carrier ?? t('parcels.unknownCarrier')}</dd>
      </div>
      <div>
        <dt className="text-sm text-gray-700">{t('parcels.trackingNumber')}</dt>
        <dd className="font-mono font-medium break-all">
          {parcel.trackingUrl ? (
            <a href={parcel.trackingUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline underline-offset-2">
              {parcel.trackingNumber}
              <span className="sr-only"> {t('common:opensInNewTab')}</span>
            </a>
          ) : (
            parcel.trackingNumber
          )}
        </dd>
      </div>
      {parcel.trackingUrl ? null : <p className="text-sm text-gray-700 sm:col-span-2">{t('parcels.noTrackingLink')}</p>}
    </dl>
  );
}

/** One parcel: where it is, how to follow it, what it carries, and every event so far. */
/** `problemHref`: where to report a problem with this parcel, when the policy offers one for it now. */
export function ParcelCard({ parcel, problemHref }: { parcel: ParcelView; problemHref?: string | null }) {
  const { t } = useTranslation('orders');
  const format = useFormatters();
  const titleId = `parcel-${parcel.number}-title`;
  return (
    <section aria-labelledby={titleId} className="space-y-4 rounded-lg bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="text-lg font-bold text-brand-900">{t('parcels.parcel', { number: parcel.number })}</h3>
        <span className={`rounded-full px-3 py-1 text-sm font-semibold ${STATUS_STYLE[parcel.status]}`}>{t(`status.${parcel.status}`)}</span>
      </div>
      {parcel.deliveredAt ? (
        <p className="font-medium">{t('parcels.deliveredOn', { date: format.date(parcel.deliveredAt) })}</p>
      ) : parcel.estimatedDeliveryAt && parcel.deliveryLate ? (
        <p className="font-medium text-amber-950">{t('parcels.expectedLate', { date: format.dayAndMonth(parcel.estimatedDeliveryAt) })}</p>
      ) : parcel.estimatedDeliveryAt ? (
        <p>
          <span className="text-gray-700">{t('parcels.estimatedDelivery')}: </span>
          <span className="font-medium">{format.dayAndMonth(parcel.estimatedDeliveryAt)}</span>
        </p>
      ) : null}
      <Tracking parcel={parcel} />
      {parcel.latestEvent ? (
        <div className="rounded-md bg-brand-50 p-3">
          <h4 className="text-sm font-semibold text-gray-700">{t('parcels.latestUpdate')}</h4>
          <EventLine event={parcel.latestEvent} />
        </div>
      ) : (
        <p className="text-gray-700">{t('parcels.noEvents')}</p>
      )}
      {parcel.events.length > 1 ? (
        <details className="group">
          <summary className="cursor-pointer font-semibold text-brand-700">{t('parcels.history')}</summary>
          <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4">
            {parcel.events.map((event) => (
              <li key={`${event.happenedAt}-${event.status}`}>
                <EventLine event={event} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {parcel.items.length > 0 ? (
        <div>
          <h4 className="font-semibold text-gray-900">{t('parcels.contents')}</h4>
          <ItemList items={parcel.items} />
        </div>
      ) : null}
      {problemHref ? (
        <p><a href={problemHref} className="font-semibold text-brand-700 underline underline-offset-2">{t('actions.problem')}</a></p>
      ) : null}
    </section>
  );
}
