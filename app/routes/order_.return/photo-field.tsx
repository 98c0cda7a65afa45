import { useTranslation } from 'react-i18next';
import { inputClass } from './step-parts';

/**
 * An item's photos: those already added, as thumbnails each with a Remove button (which saves the
 * step and stays on it), and a file input drawn as a button, saying up front what it takes.
 */
export function PhotoField(props: { id: string; name: string; photos: { key: string; url: string }[]; max: number; errors: string[] }) {
  const { t } = useTranslation('returns');
  const room = props.max - props.photos.length;
  const describedBy = [`${props.id}-hint`, props.errors.length ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <p className="font-semibold">{t('lines.photos')}</p>
      {props.photos.length ? (
        <>
          <p className="text-sm text-gray-900">{t('lines.photosKept', { count: props.photos.length })}</p>
          <ul className="mt-2 flex flex-wrap gap-3">
            {props.photos.map((photo, index) => (
              <li key={photo.key} className="flex flex-col items-center gap-1">
                <img src={photo.url} alt={t('why.photo', { number: index + 1 })} width={80} height={80} className="size-20 rounded-md bg-brand-100 object-cover" />
                <button type="submit" name="removePhoto" value={photo.key} className="min-h-11 px-2 text-sm font-semibold text-brand-700 underline underline-offset-2">
                  {t('why.removePhoto', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {room > 0 ? (
        <>
          <label htmlFor={props.id} className="mt-2 block text-sm font-medium text-gray-800">{t('why.addPhotos', { count: room })}</label>
          <input
            id={props.id} type="file" name={props.name} multiple accept="image/jpeg,image/png,image/webp" aria-describedby={describedBy}
            aria-invalid={props.errors.length > 0 || undefined}
            className={`${inputClass} cursor-pointer p-2 file:mr-3 file:min-h-10 file:cursor-pointer file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:font-semibold file:text-white`}
          />
        </>
      ) : null}
      <p id={`${props.id}-hint`} className="mt-1 text-sm text-gray-700">{t('why.photosHint', { max: props.max })}</p>
      {props.errors.length ? <p id={`${props.id}-error`} className="mt-1 text-sm font-semibold text-red-800">{props.errors.join(' ')}</p> : null}
    </div>
  );
}
