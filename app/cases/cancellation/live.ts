import { isCaseOf } from '../case-kind-guards';
import type { Case } from '../case-store';

/**
 * A cancellation the order page and the cancel page lead to instead of offering a new one: under
 * way, with the team, or done for the whole order. One that was not done, or that cancelled some
 * items only, leaves the rest of the order free to cancel.
 */
export function isStandingCancellation(found: Case): boolean {
  if (!isCaseOf(found, 'cancellation') || found.state === 'declined') return false;
  return !(found.state === 'completed' && found.details.scope === 'items');
}
