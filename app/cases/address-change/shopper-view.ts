import { maskAddress } from '~/orders/mask';
import type { CaseState } from '../case-state';
import type { ShopperViewContext } from '../kind';
import type { AddressChangeDetails, CaseAddress } from './details';

/** Where the change stands for the shopper: being written, written, with the team, or not made. */
export type AddressChangeProgress = 'changing' | 'changed' | 'with_team' | 'not_changed';

/** An address as the case page shows it: lines without the country, which the page names in its language. */
export type ShownAddress = { name: string | null; lines: string[]; countryCode: string | null };

/** The address change's part of the shopper's case page. */
export type AddressChangeShopperView = {
  progress: AddressChangeProgress;
  /** Masked (like the order page) for any session but the one that typed the code. */
  masked: boolean;
  oldAddress: ShownAddress;
  newAddress: ShownAddress;
  /** When Shopify took the new address (ISO), once it did. */
  changedAt: string | null;
  clause: { id: string; title: string | null };
  /** Why the team has it: Shopify refused or could not be reached, or the order started shipping first. */
  withTeamBecause: 'refused' | 'too_late' | null;
};

const PROGRESS: Partial<Record<CaseState, AddressChangeProgress>> = {
  received: 'changing', approved: 'changing', needs_review: 'with_team', submitted_to_store: 'with_team', completed: 'changed', declined: 'not_changed',
};

function toShownAddress(address: CaseAddress, masked: boolean): ShownAddress {
  if (masked) {
    const shown = maskAddress(address);
    // maskAddress ends with the country code: the page names the country itself.
    return { name: shown.name, lines: address.countryCode ? shown.lines.slice(0, -1) : shown.lines, countryCode: address.countryCode };
  }
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ') || null;
  const city = [address.zip, address.city, address.provinceCode].filter(Boolean).join(' ');
  return { name, lines: [address.address1, address.address2, city, address.phone].filter((line): line is string => Boolean(line)), countryCode: address.countryCode };
}

export function toAddressChangeShopperView(found: { state: CaseState; details: AddressChangeDetails }, context: ShopperViewContext): AddressChangeShopperView {
  const { events } = context;
  const { details } = found;
  const done = events.findLast((event) => event.type === 'address_changed');
  const progress = PROGRESS[found.state] ?? 'with_team';
  const tooLate = events.some((event) => event.type === 'order_shipped_first');
  const refused = events.some((event) => event.type === 'store_refused' || event.type === 'store_unreachable');
  const masked = !context.viewerSessionId || context.viewerSessionId !== details.sessionId;
  return {
    progress,
    masked,
    oldAddress: toShownAddress(details.oldAddress, masked),
    newAddress: toShownAddress(details.newAddress, masked),
    changedAt: done ? (typeof done.data['updatedAt'] === 'string' ? done.data['updatedAt'] : done.at.toISOString()) : null,
    clause: { id: details.clauseId, title: context.clauseTitle(details.clauseId) },
    withTeamBecause: progress !== 'with_team' ? null : tooLate ? 'too_late' : refused ? 'refused' : null,
  };
}
