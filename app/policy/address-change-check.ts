import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { NewShippingAddress } from '~/address-changes/ports';
import type { Order } from '~/orders/types';
import { listAllowedCountries } from './address-change';
import type { AddressChangePolicy } from './address-change-schema';
import type { Facts } from './decide-return';

/** The form as the shopper filled it in; any field may be missing or blank. */
export type NewAddressInput = Partial<Record<AddressField, string | null>>;
export type AddressField = 'firstName' | 'lastName' | 'address1' | 'address2' | 'city' | 'provinceCode' | 'countryCode' | 'zip' | 'phone';

/** One problem with the form: the field (null: the address as a whole), an i18n key and its values. */
export type AddressFieldError = { field: AddressField | null; key: string; values: Facts };
export type CheckNewAddressResult = { ok: true; address: NewShippingAddress } | { ok: false; errors: AddressFieldError[] };

const KEY = 'policy:addressChange.errors';

/**
 * The 2026-10 schema states no length for `MailingAddressInput`'s strings; Shopify keeps at most
 * 255 characters in an address field (its staff's word in Shopify/active_shipping#290).
 */
export const MAX_FIELD_LENGTH = 255;
/** For postal codes of countries postcode-validator has no rule for: the longest known ones have 10. */
export const MAX_ZIP_LENGTH = 16;

/**
 * Countries without postal codes (Google's libaddressinput formats have no %Z for them), and
 * Ireland, whose Eircode Shopify's checkout leaves optional. A code given anyway is still checked;
 * where postcode-validator's own rule accepts an empty code (Nigeria, Lebanon…), it is optional too.
 */
const NO_POSTAL_CODE = new Set((
  'AE AG AN AO AW BF BI BJ BO BQ BS BW BZ CD CF CG CI CM CW DJ DM ER FJ GA GD GH GM GQ GY HK IE JM KI KM KN KP ' +
  'LC LY ML MO MR MS MW NR NU QA RW SB SC SL SR SS ST SX SY TD TF TG TK TL TO TT TV UG VU WS YE ZW'
).split(' '));

const CA_PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT';
const AU_STATES = 'ACT NSW NT QLD SA TAS VIC WA';
// States, DC, territories and armed forces: the zones Shopify lists for the United States.
const US_STATES = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW AA AE AP';

/**
 * Countries whose addresses Shopify's checkout requires a zone for (state, province, prefecture).
 * The codes are listed where they are few and stable; elsewhere only their shape is checked.
 */
const PROVINCES: Record<string, Set<string> | 'any'> = {
  US: new Set(US_STATES.split(' ')), CA: new Set(CA_PROVINCES.split(' ')), AU: new Set(AU_STATES.split(' ')),
  BR: 'any', IN: 'any', IT: 'any', JP: 'any', MX: 'any', ES: 'any',
};
const PROVINCE_SHAPE = /^[A-Z0-9]{1,3}(-[A-Z0-9]{1,3})?$/;

/** Whether an address in this country needs a state or province (so the form asks for one). */
export const requiresProvince = (countryCode: string) => Object.hasOwn(PROVINCES, countryCode.toUpperCase());
/** Loose on purpose: digits with the usual separators, an optional leading +, 6 to 15 digits (E.164's most). */
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;

const clean = (value: string | null | undefined) => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
};

function checkZip(zip: string | null, countryCode: string): string | null {
  const known = postcodeValidatorExistsForCountry(countryCode);
  if (zip === null) return NO_POSTAL_CODE.has(countryCode) || (known && postcodeValidator('', countryCode)) ? null : 'required';
  if (known) return postcodeValidator(zip, countryCode) ? null : 'zipFormat';
  return zip.length <= MAX_ZIP_LENGTH ? null : 'zipFormat';
}

function checkProvince(provinceCode: string | null, countryCode: string): string | null {
  const known = PROVINCES[countryCode];
  if (provinceCode === null) return known ? 'provinceRequired' : null;
  if (!PROVINCE_SHAPE.test(provinceCode)) return 'provinceFormat';
  return known instanceof Set && !known.has(provinceCode) ? 'provinceFormat' : null;
}

function checkPhone(phone: string | null, required: boolean): string | null {
  if (phone === null) return required ? 'phoneRequired' : null;
  const digits = phone.replace(/\D/g, '').length;
  return PHONE_SHAPE.test(phone) && digits >= 6 && digits <= 15 ? null : 'phoneFormat';
}

const sameAddress = (order: Order, address: NewShippingAddress) => {
  const current = order.shippingAddress;
  if (!current) return false;
  const fields = ['firstName', 'lastName', 'address1', 'address2', 'city', 'provinceCode', 'countryCode', 'zip', 'phone'] as const;
  return fields.every((field) => (clean(current[field])?.toUpperCase() ?? null) === (address[field]?.toUpperCase() ?? null));
};

/**
 * Checks a new shipping address against the policy and the shop: required fields, where it may
 * be, the postal code's format for its country (postcode-validator; any code up to 16 characters
 * where it has no rule), the zone where Shopify requires one, lengths Shopify keeps, a phone
 * that looks like one. Every problem is listed, one per field; the address comes back cleaned.
 */
export function checkNewAddress(rules: AddressChangePolicy, order: Order, input: NewAddressInput, shipsTo: readonly string[]): CheckNewAddressResult {
  const errors: AddressFieldError[] = [];
  const fail = (field: AddressField | null, problem: string, values: Facts = {}) => errors.push({ field, key: `${KEY}.${problem}`, values });
  const countryCode = clean(input.countryCode)?.toUpperCase() ?? null;
  const address: NewShippingAddress = {
    firstName: clean(input.firstName), lastName: clean(input.lastName) ?? '', address1: clean(input.address1) ?? '', address2: clean(input.address2),
    city: clean(input.city) ?? '', provinceCode: clean(input.provinceCode)?.toUpperCase() ?? null, countryCode: countryCode ?? '',
    zip: clean(input.zip)?.toUpperCase() ?? null, phone: clean(input.phone),
  };
  for (const field of ['firstName', 'lastName', 'address1', 'address2', 'city'] as const) {
    const value = address[field];
    if (field !== 'firstName' && field !== 'address2' && !value) fail(field, 'required');
    else if (value && value.length > MAX_FIELD_LENGTH) fail(field, 'tooLong', { max: MAX_FIELD_LENGTH });
  }
  if (countryCode === null) fail('countryCode', 'required');
  else if (!listAllowedCountries(rules, order, shipsTo).includes(countryCode)) fail('countryCode', 'countryNotAllowed');
  else {
    const zip = checkZip(address.zip, countryCode);
    if (zip) fail('zip', zip);
    const province = checkProvince(address.provinceCode, countryCode);
    if (province) fail('provinceCode', province);
  }
  const phone = checkPhone(address.phone, rules.requirePhone);
  if (phone) fail('phone', phone);
  if (errors.length === 0 && sameAddress(order, address)) fail(null, 'unchanged');
  return errors.length ? { ok: false, errors } : { ok: true, address };
}
