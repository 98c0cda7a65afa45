import type { ReturnContext } from '~/policy/return-context';
import type { Case, CaseOf } from '../case-store';
import { isCaseOf } from '../case-kind-guards';

/**
 * Units already asked for in Comptoir's own cases that Shopify's count may not show yet: cases
 * opened after Shopify was read, and cases still waiting for the worker to reach Shopify.
 */
function isPendingInShopify(found: Case, readAt: Date): boolean {
  if (found.kind !== 'return' || found.state === 'declined') return false;
  return found.createdAt >= readAt || (found.state === 'received' && !found.providerRefs.shopifyReturnId);
}

/** The context with those units taken off, so the same unit is never offered twice. */
export function withoutPendingUnits(context: ReturnContext, cases: Case[], now: Date): ReturnContext {
  const readAt = context.readAt ?? now;
  const pending = new Map<string, number>();
  for (const found of cases.filter((c) => isCaseOf(c, 'return') && isPendingInShopify(c, readAt)) as CaseOf<'return'>[]) {
    for (const line of found.details.lines) pending.set(line.fulfillmentLineItemId, (pending.get(line.fulfillmentLineItemId) ?? 0) + line.quantity);
  }
  if (pending.size === 0) return context;
  return {
    ...context,
    lines: context.lines.map((line) => ({
      ...line,
      returnableQuantity: Math.max(0, line.returnableQuantity - (pending.get(line.fulfillmentLineItemId) ?? 0)),
    })),
  };
}
