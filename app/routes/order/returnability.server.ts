import { explainOrderItems, toItemReturnabilityViews, type ItemReturnabilityView } from '~/cases/return/order-returnability';
import type { Case } from '~/cases/case-store';
import type { Language } from '~/i18n';
import type { Order } from '~/orders/types';
import { hasReturnableUnits } from '~/policy/explain-items';
import type { Services } from '~/services.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { returnDeps } from '../order_.return/return-deps.server';

/**
 * The order page's return block: which items can be returned and why not the others. When
 * Shopify cannot say what is returnable, the page still shows and keeps offering the return form
 * (which explains itself) rather than failing for a side panel.
 */
export async function getReturnability(services: Services, order: Order, language: Language, now: Date): Promise<{ canReturn: boolean; items: ItemReturnabilityView[] }> {
  const items = await explainOrderItems(returnDeps(services), order, now).catch((error: unknown) => {
    if (isUpstreamError(error)) return null;
    throw error;
  });
  if (!items) return { canReturn: order.parcels.length > 0 && !order.cancelledAt, items: [] };
  return { canReturn: hasReturnableUnits(items), items: toItemReturnabilityViews(items, services.policy, language) };
}

/** Shopify returns opened by the shopper's own cases: listed as cases, not again as the store's. */
export const ownReturnIds = (cases: Case[]) =>
  new Set(cases.flatMap((found) => (found.providerRefs.shopifyReturnId ? [found.providerRefs.shopifyReturnId] : [])));
