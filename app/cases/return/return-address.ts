import type { CaseState } from '../case-state';

/*
 * When the case page tells the shopper where to send their items: once the store has accepted
 * the return and until the parcel is on its way. Before, nothing may be sent yet; after, it is
 * too late to matter (and a declined case sends nothing).
 */
const SENDING_STATES: readonly CaseState[] = ['approved', 'label_issued'];

/** The store's return address for this case's page, or null when the shopper has nothing to send now. */
export function toReturnAddressFor(state: CaseState, returnAddress: string[] | null): string[] | null {
  return returnAddress && SENDING_STATES.includes(state) ? returnAddress : null;
}
