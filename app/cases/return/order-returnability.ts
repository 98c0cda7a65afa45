import type { Language } from '~/i18n';
import { physicalParcels } from '~/orders/headline';
import type { Order } from '~/orders/types';
import { explainItems, type ItemReason, type ItemReturnability } from '~/policy/explain-items';
import { getClauseTitle, getPolicyVariables, interpolate } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import { prepareReturn, type PreparedReturn, type ReturnDeps } from './return-request';

export type ItemReasonView = ItemReason & { clauseTitle: string | null };
export type ItemReturnabilityView = Omit<ItemReturnability, 'reasons'> & { reasons: ItemReasonView[] };

/**
 * Each item of the order with what can be returned online and why not the rest. A cancelled
 * order has nothing to explain (its headline says it); one with nothing shipped needs no Shopify
 * call; otherwise Shopify's returnable units are read (one call, cached with the return form's).
 * `prepared`, when the caller has it already, saves that call.
 * @throws UpstreamError
 */
export async function explainOrderItems(
  deps: ReturnDeps, order: Order, now: Date, prepared?: PreparedReturn | null,
): Promise<ItemReturnability[]> {
  if (order.cancelledAt) return [];
  const shipped = physicalParcels(order).length > 0;
  const verdicts = prepared ?? (shipped ? await prepareReturn(deps, order.id, now) : null);
  return explainItems({ order, prepared: verdicts, policy: deps.policy, timeZone: deps.timeZone });
}

/** Clause titles with the policy's numbers in the shopper's language ("30 days from delivery"). */
export function toItemReturnabilityViews(items: ItemReturnability[], policy: Policy, language: Language): ItemReturnabilityView[] {
  const variables = getPolicyVariables(policy, language);
  return items.map((item) => ({
    ...item,
    reasons: item.reasons.map((reason) => {
      const title = getClauseTitle(policy, reason.clauseId, language);
      return { ...reason, clauseTitle: title === null ? null : interpolate(title, variables) };
    }),
  }));
}
