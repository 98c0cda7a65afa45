import { useTranslation } from 'react-i18next';
import type { ProblemPage } from '~/cases/problem/problem-request.server';
import type { ProblemErrors } from '~/cases/problem/problem-view';
import { PostForm } from '~/components/form/post-form';
import { ItemPicture } from '~/routes/order/item-list';
import { card, choiceClass, FormErrors, heading, linkClass, ParcelSummary, primaryButton, problemUrl } from './problem-parts';

type Details = Extract<ProblemPage, { step: 'details' }>;

const inputClass = 'block min-h-12 w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700';
const DESCRIBED = new Set(['delivery_question', 'delivered_not_found']);

function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return <p id={id} className="mt-1 text-sm font-semibold text-red-800">{messages.join(' ')}</p>;
}

/** Each refused photo named with why; the ones already kept listed with a Remove button each. */
function PhotosField({ page, errors }: { page: Details; errors: ProblemErrors['photos'] }) {
  const { t } = useTranslation(['problem', 'policy']);
  const keys = page.answers.photoKeys;
  const room = page.maxPhotos - keys.length;
  const messages = errors.map((error) => {
    const problem = t(error.key, error.values ?? {});
    return error.name ? t('errors.photoFile', { name: error.name, problem }) : problem;
  });
  const describedBy = ['photos-hint', messages.length ? 'photos-error' : null].filter(Boolean).join(' ');
  return (
    <fieldset className="space-y-2">
      <legend className="text-lg font-bold text-brand-900">{t('details.photos.title')}</legend>
      <p className="text-gray-900">
        {page.option.photos ? t('details.photos.required', { count: page.option.photos, max: page.maxPhotos }) : t('details.photos.optional', { max: page.maxPhotos })}
      </p>
      {keys.length ? (
        <>
          <p className="font-medium">{t('details.photos.kept', { count: keys.length })}</p>
          <ul className="flex flex-wrap gap-2">
            {keys.map((key, index) => (
              <li key={key} className="flex items-center gap-2 rounded-md bg-brand-50 px-3 py-1">
                <input type="hidden" name={`photoKeys[${index}]`} value={key} />
                <span>{t('details.photos.photo', { number: index + 1 })}</span>
                <button type="submit" name="removePhoto" value={key} formNoValidate className="min-h-11 px-2 text-sm font-semibold text-brand-700 underline underline-offset-2">
                  {t('details.photos.remove', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {room > 0 ? (
        <>
          <label htmlFor="photos" className="block font-medium text-gray-900">{t('details.photos.add')}</label>
          <input
            id="photos" type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" aria-describedby={describedBy} aria-invalid={messages.length > 0 || undefined}
            className={`${inputClass} cursor-pointer p-2 file:mr-3 file:min-h-10 file:cursor-pointer file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:font-semibold file:text-white`}
          />
        </>
      ) : null}
      <p id="photos-hint" className="text-sm text-gray-700">{t('details.photos.hint')}</p>
      {messages.length ? <ul id="photos-error" className="space-y-1 text-sm font-semibold text-red-800">{messages.map((message, i) => <li key={i}>{message}</li>)}</ul> : null}
    </fieldset>
  );
}

/** The items of the parcel: chosen with a quantity where the report is about items, listed where it is about the whole parcel. */
function ItemsField({ page }: { page: Details }) {
  const { t } = useTranslation('problem');
  const shipped = new Map(page.parcel.lines.map((line) => [line.lineItemId, line]));
  if (page.option.scope === 'parcel') return <div><p className="font-semibold">{t('details.wholeParcel')}</p><ParcelSummary parcel={page.parcel} headingLevel={3} /></div>;
  return (
    <fieldset className="space-y-2" aria-describedby="items-hint">
      <legend className="text-lg font-bold text-brand-900">{t('details.items')}</legend>
      <p id="items-hint" className="text-sm text-gray-700">{t('details.itemsHint')}</p>
      {page.answers.lines.map((answer, index) => {
        const line = shipped.get(answer.lineItemId);
        if (!line) return null;
        const errors = (page.errors.lines[answer.lineItemId] ?? []).map((key) => t(key));
        return (
          <div key={answer.lineItemId} className={choiceClass}>
            <input type="hidden" name={`lines[${index}].lineItemId`} value={answer.lineItemId} />
            <input id={`line-${index}`} type="checkbox" name={`lines[${index}].selected`} defaultChecked={answer.selected} className="mt-1 size-5 shrink-0" />
            <ItemPicture image={line.image} />
            <div className="min-w-0 flex-1">
              <label htmlFor={`line-${index}`} className="block font-semibold">{line.title}</label>
              {line.variantTitle ? <p className="text-sm text-gray-700">{line.variantTitle}</p> : null}
              {line.quantity > 1 ? (
                <label className="mt-2 flex items-center gap-2 text-sm">
                  <span>{t('details.quantity')}</span>
                  <select name={`lines[${index}].quantity`} defaultValue={answer.quantity} aria-label={t('details.quantityOf', { title: line.title })} className="min-h-11 rounded-md border border-gray-500 bg-white px-2">
                    {Array.from({ length: line.quantity }, (_, n) => <option key={n + 1} value={n + 1}>{n + 1}</option>)}
                  </select>
                </label>
              ) : <input type="hidden" name={`lines[${index}].quantity`} value="1" />}
              <FieldError id={`line-${index}-error`} messages={errors} />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Step 2: the items, the shopper's words and the photos; posts to itself and answers the offer (step 3). */
export function DetailsStep({ page, refused }: { page: Details; refused: string[] }) {
  const { t } = useTranslation(['problem', 'policy']);
  const { answers, errors } = page;
  const required = DESCRIBED.has(answers.type);
  const formErrors = [...refused, ...errors.form].map((key) => t(key));
  if (formErrors.length === 0 && (errors.description.length || errors.photos.length || Object.keys(errors.lines).length)) formErrors.push(t('errors.checkAnswers'));
  return (
    <section aria-labelledby="problem-details" className={`${card} space-y-5`}>
      <h2 id="problem-details" className={heading}>{t(`policy:problems.type.${answers.type}`)}</h2>
      <PostForm action={problemUrl(answers.parcelId, answers.type)} encType="multipart/form-data" className="space-y-6">
        <FormErrors id="problem-errors" messages={formErrors} />
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="parcelId" value={answers.parcelId} />
        <input type="hidden" name="type" value={answers.type} />
        <input type="hidden" name="idempotencyKey" value={answers.idempotencyKey} />
        <ItemsField page={page} />
        <div>
          <label htmlFor="description" className="block text-lg font-bold text-brand-900">{t(required ? 'details.description.label' : 'details.description.optional')}</label>
          <p id="description-hint" className="text-sm text-gray-700">{t('details.description.hint')}</p>
          <textarea
            id="description" name="description" rows={4} defaultValue={answers.description} required={required}
            aria-describedby={`description-hint${errors.description.length ? ' description-error' : ''}`} aria-invalid={errors.description.length > 0 || undefined}
            className={`${inputClass} mt-1`}
          />
          <FieldError id="description-error" messages={errors.description.map((key) => t(key))} />
        </div>
        <PhotosField page={page} errors={errors.photos} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <button type="submit" className={primaryButton}>{t('details.continue')}</button>
          <a href={problemUrl(answers.parcelId)} className={`${linkClass} min-h-11 py-2`}>{t('details.back')}</a>
        </div>
      </PostForm>
    </section>
  );
}
