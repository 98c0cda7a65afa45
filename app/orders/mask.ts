import type { Address } from './types';

/**
 * Enough of the address for a shopper to recognise it, not enough for someone who guessed an
 * order number and email to learn where a person lives.
 */
export type MaskedAddress = { name: string | null; lines: string[] };

function maskWord(word: string): string {
  if (word.length <= 2) return word.replace(/\p{L}|\p{N}/gu, '•');
  return word.slice(0, 1) + word.slice(1).replace(/\p{L}|\p{N}/gu, '•');
}

export function maskText(text: string): string {
  return text.split(/(\s+)/).map((part) => (/\s/.test(part) ? part : maskWord(part))).join('');
}

export function maskAddress(address: Address): MaskedAddress {
  const lastInitial = address.lastName ? `${address.lastName.slice(0, 1)}.` : null;
  const name = [address.firstName, lastInitial].filter(Boolean).join(' ') || null;
  const zip = address.zip ? address.zip.slice(0, 2) + address.zip.slice(2).replace(/[^\s-]/g, '•') : null;
  const lines = [
    address.address1 ? maskText(address.address1) : null,
    address.address2 ? maskText(address.address2) : null,
    [zip, address.city].filter(Boolean).join(' ') || null,
    address.countryCode,
  ].filter((line): line is string => Boolean(line));
  return { name, lines };
}
