import type { Order } from '~/orders/types';
import { getClauseTitle } from '~/policy/policy-page';
import type { AgentLineView, AgentPartsContext } from './agent-case-view';

/*
 * Pieces every kind's agent part uses. Only types come from agent-case-view.ts: that module loads
 * the kinds' registry, and a kind importing a value back from it would make an import cycle.
 */

/** An order line the case names, as the agent page shows it: the case's title first, the order's SKU and picture. */
export function toAgentItem(order: Order | null, line: { lineItemId: string; title: string }): Pick<AgentLineView, 'title' | 'sku' | 'image'> {
  const item = order?.lineItems.find((candidate) => candidate.id === line.lineItemId);
  return { title: line.title || item?.title || '', sku: item?.sku ?? null, image: item?.image ? { url: item.image.url, alt: item.image.altText ?? '' } : null };
}

/** The clauses a verdict rests on, with their titles in the agent's language. */
export const toAgentClauses = (context: Pick<AgentPartsContext, 'policy' | 'language'>, ids: readonly string[]) =>
  [...new Set(ids)].map((id) => ({ id, title: getClauseTitle(context.policy, id, context.language) }));
