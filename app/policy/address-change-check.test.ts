import { describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import { checkNewAddress, type NewAddressInput } from './address-change-check';
import type { AddressChangePolicy } from './address-change-schema';
import { buildPolicy } from './test-fixtures';

const SAME: AddressChangePolicy = buildPolicy().addressChange!;
const ANYWHERE: AddressChangePolicy = { ...SAME, countries: 'shipping_countries' };
const SHIPS_TO = ['FR', 'BE', 'DE', 'GB', 'NL', 'IE', 'US', 'CA', 'HK', 'BO'];
const order = anOrder({ fulfillmentStatus: 'UNFULFILLED', parcels: [], lineItems: [aLine({ unfulfilledQuantity: 1 })] });

const PARIS: NewAddressInput = {
  firstName: 'Camille', lastName: 'Martin', address1: '8 boulevard Voltaire', address2: '', city: 'Paris', countryCode: 'FR', zip: '75011', phone: '',
};
const check = (input: NewAddressInput, rules = SAME) => checkNewAddress(rules, order, input, SHIPS_TO);
const errorsOf = (input: NewAddressInput, rules = SAME) => {
  const result = check(input, rules);
  return result.ok ? [] : result.errors.map((e) => [e.field, e.key.replace('policy:addressChange.errors.', '')]);
};

describe('checking a new address', () => {
  it('accepts a French address, cleaned: spaces squeezed, blanks as null, codes in capitals', () => {
    expect(check({ ...PARIS, firstName: '  Camille ', address1: '8  boulevard   Voltaire', countryCode: 'fr', address2: '  ' })).toEqual({
      ok: true,
      address: { firstName: 'Camille', lastName: 'Martin', address1: '8 boulevard Voltaire', address2: null, city: 'Paris', provinceCode: null, countryCode: 'FR', zip: '75011', phone: null },
    });
  });

  it('asks for the last name, street, city, postal code and country; first name and second line may stay empty', () => {
    expect(errorsOf({ firstName: '', address2: null })).toEqual([
      ['lastName', 'required'], ['address1', 'required'], ['city', 'required'], ['countryCode', 'required'],
    ]);
    expect(errorsOf({ ...PARIS, zip: ' ' })).toEqual([['zip', 'required']]);
  });

  it('keeps each field to Shopify’s 255 characters', () => {
    expect(check({ ...PARIS, address1: 'a'.repeat(255) }).ok).toBe(true);
    const result = check({ ...PARIS, address1: 'a'.repeat(256), firstName: 'b'.repeat(256) });
    expect(result).toEqual({ ok: false, errors: [
      { field: 'firstName', key: 'policy:addressChange.errors.tooLong', values: { max: 255 } },
      { field: 'address1', key: 'policy:addressChange.errors.tooLong', values: { max: 255 } },
    ] });
  });

  it('keeps the address in the order’s country unless the policy allows the shop’s other shipping countries', () => {
    const berlin = { ...PARIS, countryCode: 'DE', city: 'Berlin', zip: '10115' };
    expect(errorsOf(berlin)).toEqual([['countryCode', 'countryNotAllowed']]);
    expect(check(berlin, ANYWHERE).ok).toBe(true);
    expect(errorsOf({ ...berlin, countryCode: 'JP' }, ANYWHERE)).toEqual([['countryCode', 'countryNotAllowed']]);
  });

  it('checks the postal code against its country’s format, whatever its case', () => {
    expect(errorsOf({ ...PARIS, zip: '7501' })).toEqual([['zip', 'zipFormat']]);
    expect(errorsOf({ ...PARIS, zip: 'SW1A 1AA' })).toEqual([['zip', 'zipFormat']]);
    const london = { ...PARIS, countryCode: 'GB', city: 'London', zip: 'sw1a 1aa' };
    expect(check(london, ANYWHERE)).toMatchObject({ ok: true, address: { zip: 'SW1A 1AA' } });
    expect(check({ ...london, countryCode: 'NL', zip: '1012 ab' }, ANYWHERE)).toMatchObject({ ok: true, address: { zip: '1012 AB' } });
    expect(errorsOf({ ...london, countryCode: 'NL', zip: '1012' }, ANYWHERE)).toEqual([['zip', 'zipFormat']]);
  });

  it('leaves the postal code optional where there is none (Hong Kong) or it is optional (Ireland), and checks one given', () => {
    const dublin = { ...PARIS, countryCode: 'IE', city: 'Dublin', zip: '' };
    expect(check(dublin, ANYWHERE).ok).toBe(true);
    expect(check({ ...dublin, zip: 'd02 x285' }, ANYWHERE).ok).toBe(true);
    expect(errorsOf({ ...dublin, zip: '12345' }, ANYWHERE)).toEqual([['zip', 'zipFormat']]);
    expect(check({ ...dublin, countryCode: 'HK', city: 'Hong Kong' }, ANYWHERE).ok).toBe(true);
  });

  it('accepts any postal code up to 16 characters where postcode-validator has no rule', () => {
    const laPaz = { ...PARIS, countryCode: 'BO', city: 'La Paz' };
    expect(check({ ...laPaz, zip: 'A'.repeat(16) }, ANYWHERE).ok).toBe(true);
    expect(errorsOf({ ...laPaz, zip: 'A'.repeat(17) }, ANYWHERE)).toEqual([['zip', 'zipFormat']]);
  });

  it('asks for a state or province where Shopify does, and knows the US and Canadian ones', () => {
    const brooklyn = { ...PARIS, countryCode: 'US', city: 'Brooklyn', zip: '11201' };
    expect(errorsOf(brooklyn, ANYWHERE)).toEqual([['provinceCode', 'provinceRequired']]);
    expect(check({ ...brooklyn, provinceCode: 'ny' }, ANYWHERE)).toMatchObject({ ok: true, address: { provinceCode: 'NY' } });
    expect(errorsOf({ ...brooklyn, provinceCode: 'QC' }, ANYWHERE)).toEqual([['provinceCode', 'provinceFormat']]);
    expect(check({ ...brooklyn, countryCode: 'CA', provinceCode: 'QC', zip: 'h2x 3l3' }, ANYWHERE).ok).toBe(true);
    expect(errorsOf({ ...PARIS, provinceCode: 'Île-de-France' })).toEqual([['provinceCode', 'provinceFormat']]);
  });

  it('takes a phone number loosely, and asks for one when the policy requires it', () => {
    for (const phone of ['+33 6 12 34 56 78', '06.12.34.56.78', '(613) 555-0100']) expect(check({ ...PARIS, phone }).ok, phone).toBe(true);
    for (const phone of ['call me', '12345', `+${'1'.repeat(16)}`]) expect(errorsOf({ ...PARIS, phone }), phone).toEqual([['phone', 'phoneFormat']]);
    expect(errorsOf(PARIS, { ...SAME, requirePhone: true })).toEqual([['phone', 'phoneRequired']]);
  });

  it('refuses the address the order already has, whatever the case', () => {
    const current = order.shippingAddress!;
    const same = { ...current, firstName: current.firstName!.toUpperCase(), address1: ` ${current.address1} ` };
    expect(check(same)).toEqual({ ok: false, errors: [{ field: null, key: 'policy:addressChange.errors.unchanged', values: {} }] });
  });
});
