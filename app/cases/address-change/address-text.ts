import type { CaseAddress } from './details';

/**
 * An address as the lines a person reads it: name, street, second line, postal code with city and
 * zone, country, phone. `country` names the ISO code (the page's language); without it the code stays.
 */
export function toAddressLines(address: CaseAddress, country: (code: string) => string = (code) => code): string[] {
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
  const city = [address.zip, address.city, address.provinceCode].filter(Boolean).join(' ');
  return [name, address.address1, address.address2, city, address.countryCode ? country(address.countryCode) : null, address.phone]
    .filter((line): line is string => Boolean(line));
}

/** The same on one line, for ticket notes and the agent page: "Camille Martin, 3 rue Mercière, 69002 Lyon, FR". */
export const toAddressLine = (address: CaseAddress) => toAddressLines(address).join(', ');
