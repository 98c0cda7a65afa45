import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { AddressPageView } from '~/cases/address-change/address-view';
import { MAX_FIELD_LENGTH } from '~/policy/address-change-check';

type Offered = Extract<AddressPageView, { offered: true }>;
type Field = FieldMetadata<string | undefined>;

export const inputClass = 'block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700';
const labelClass = 'block font-semibold text-gray-900';

/** The country's name in the page's language (`FR` → France, or Frankreich…). */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
  return (code) => names.of(code) ?? code;
}

/** A field's errors, translated, under it; the input points at them (aria-describedby). */
export function FieldErrors({ field }: { field: Field }) {
  const { t } = useTranslation('address');
  if (!field.errors?.length) return null;
  return <p id={field.errorId} className="text-sm font-medium text-red-800">{field.errors.map((error) => t(error, { max: MAX_FIELD_LENGTH })).join(' ')}</p>;
}

function TextField({ field, label, autoComplete, required = false, hint }: { field: Field; label: string; autoComplete: string; required?: boolean; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: 'text', ariaDescribedBy: hintId });
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className={labelClass}>{label}</label>
      {hint ? <p id={hintId} className="text-sm text-gray-700">{hint}</p> : null}
      <input {...props} key={key} autoComplete={autoComplete} required={required} maxLength={MAX_FIELD_LENGTH} className={inputClass} />
      <FieldErrors field={field} />
    </div>
  );
}

/** The new address: name, street, postal code and city, the country among those allowed, a zone where one is needed, a phone. */
export function AddressFields({ view, fields }: { view: Offered; fields: Record<'firstName' | 'lastName' | 'address1' | 'address2' | 'zip' | 'city' | 'provinceCode' | 'countryCode' | 'phone', Field> }) {
  const { t } = useTranslation('address');
  const countryName = useCountryName();
  const { key: countryKey, ...countryProps } = getSelectProps(fields.countryCode, { ariaDescribedBy: view.countries.length === 1 ? `${fields.countryCode.id}-hint` : undefined });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField field={fields.firstName} label={t('form.firstName')} autoComplete="shipping given-name" />
      <TextField field={fields.lastName} label={t('form.lastName')} autoComplete="shipping family-name" required />
      <div className="sm:col-span-2"><TextField field={fields.address1} label={t('form.address1')} autoComplete="shipping address-line1" required /></div>
      <div className="sm:col-span-2"><TextField field={fields.address2} label={t('form.address2')} autoComplete="shipping address-line2" /></div>
      <TextField field={fields.zip} label={t('form.zip')} autoComplete="shipping postal-code" />
      <TextField field={fields.city} label={t('form.city')} autoComplete="shipping address-level2" required />
      <div className="space-y-1">
        <label htmlFor={fields.countryCode.id} className={labelClass}>{t('form.country')}</label>
        {view.countries.length === 1 ? <p id={`${fields.countryCode.id}-hint`} className="text-sm text-gray-700">{t('form.sameCountry')}</p> : null}
        <select {...countryProps} key={countryKey} autoComplete="shipping country" required className={inputClass}>
          {view.countries.map((code) => <option key={code} value={code}>{countryName(code)}</option>)}
        </select>
        <FieldErrors field={fields.countryCode} />
      </div>
      {view.provinceCountries.length ? (
        <TextField
          field={fields.provinceCode} label={t('form.province')} autoComplete="shipping address-level1"
          hint={t('form.provinceHint', { countries: view.provinceCountries.map(countryName).join(', ') })}
        />
      ) : null}
      <div className="sm:col-span-2">
        <TextField
          field={fields.phone} label={t(view.requirePhone ? 'form.phoneRequired' : 'form.phone')} autoComplete="shipping tel"
          required={view.requirePhone} hint={t('form.phoneHint')}
        />
      </div>
    </div>
  );
}
