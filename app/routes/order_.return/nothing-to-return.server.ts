import { explainOrderItems, toItemReturnabilityViews, type ItemReturnabilityView } from '~/cases/return/order-returnability';
import type { PreparedReturn } from '~/cases/return/return-request';
import type { Language } from '~/i18n';
import { canReturnLine } from '~/policy/decide-return';
import type { Services } from '~/services.server';
import { returnDeps } from './return-deps.server';

/**
 * When no unit of the order can be returned, why, item by item — Shopify leaves units already in
 * a return out of its returnable count, so the form alone would show nothing to explain. Null
 * when there is something to return. The order comes from the cache the return form warmed.
 */
export async function nothingToReturn(services: Services, orderId: string, prepared: PreparedReturn, language: Language, now: Date): Promise<ItemReturnabilityView[] | null> {
  if (prepared.decision.lines.some(canReturnLine)) return null;
  const order = await services.orders.getOrder(orderId);
  if (!order) return null;
  const items = await explainOrderItems(returnDeps(services), order, now, prepared);
  return toItemReturnabilityViews(items, services.policy, language);
}
