import type { Language } from '~/i18n';
import { maskAddress, maskText } from '~/orders/mask';
import type { AddressChangeVerdict } from '~/policy/address-change';
import { requiresProvince } from '~/policy/address-change-check';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import type { Order } from '~/orders/types';
import type { CodeStatus } from './address-request.server';

export type AddressReasonView = { key: string; clauseId: string; clauseTitle: string | null; facts: Record<string, string | number> };

/** The address page's content: the change the policy offers now and the code's state, or why it offers none. */
export type AddressPageView =
  | { offered: false; refusal: AddressReasonView }
  | {
      offered: true;
      clause: { id: string; title: string | null };
      /** When the change closes (ISO instant). */
      until: string;
      /** Masked like the order page: the full address is not shown before the code is checked. The country apart, for the page to name. */
      current: { name: string | null; lines: string[]; countryCode: string | null } | null;
      /** Where the new address may be, ISO codes, sorted; those that need a state or province. */
      countries: string[];
      provinceCountries: string[];
      requirePhone: boolean;
      /** What the form starts with: only what the masked address shows already. */
      initial: { firstName: string; countryCode: string };
      /** The order's email, masked (`c•••@example.com`); null when it has none. */
      email: string | null;
      code: { sent: boolean; expiresAt: string | null; resendInSeconds: number };
    };

/** `camille.martin@example.com` → `c•••@example.com`: the shopper recognises it, a guesser learns nothing new. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskText(email);
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

function toMaskedLines(address: NonNullable<Order['shippingAddress']>) {
  const { name, lines } = maskAddress(address);
  // maskAddress ends with the country code.
  return { name, lines: address.countryCode ? lines.slice(0, -1) : lines, countryCode: address.countryCode };
}

export function toAddressPageView(page: { order: Order; verdict: AddressChangeVerdict; code: CodeStatus }, policy: Policy, language: Language): AddressPageView {
  const { order, verdict, code } = page;
  if (!verdict.offered) {
    const { refusal } = verdict;
    return { offered: false, refusal: { key: refusal.key, clauseId: refusal.clauseId, clauseTitle: getClauseTitle(policy, refusal.clauseId, language), facts: { ...refusal.facts } } };
  }
  const own = order.shippingAddress?.countryCode ?? verdict.countries[0] ?? '';
  return {
    offered: true,
    clause: { id: verdict.clauseId, title: getClauseTitle(policy, verdict.clauseId, language) },
    until: verdict.window.until.toISOString(),
    current: order.shippingAddress ? toMaskedLines(order.shippingAddress) : null,
    countries: verdict.countries,
    provinceCountries: verdict.countries.filter(requiresProvince),
    requirePhone: verdict.requirePhone,
    initial: { firstName: order.shippingAddress?.firstName ?? '', countryCode: own },
    email: order.email ? maskEmail(order.email) : null,
    code: { sent: code.live, expiresAt: code.live ? code.expiresAt?.toISOString() ?? null : null, resendInSeconds: code.resendInSeconds },
  };
}
