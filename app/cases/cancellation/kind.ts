import type { CaseKindDefinition } from '../kind';
import { toCancellationAgentParts } from './agent-view';
import { CancellationDetailsSchema, type CancellationDetails } from './details';
import { createCancellationExecutor } from './execute.server';
import { CANCELLATION_TEXT, toCancellationNoteSections } from './notes';
import { toCancellationShopperView, type CancellationShopperView } from './shopper-view';

/** A cancellation: the whole order stopped before anything ships, at once or after the team's check. */
export const cancellationKind: CaseKindDefinition<'cancellation', CancellationDetails, CancellationShopperView> = {
  kind: 'cancellation',
  details: CancellationDetailsSchema,
  // At once: received → completed (or to the team when Shopify refuses). The team's check: from
  // needs_review the store may cancel in Shopify itself (its webhook completes the case), or an
  // agent approves and the executor cancels.
  transitions: {
    received: ['completed'],
    needs_review: ['completed'],
    approved: ['completed', 'needs_review'],
  },
  execute: createCancellationExecutor,
  review: 'portal',
  text: CANCELLATION_TEXT,
  shopperEvents: new Set(['awaiting_review', 'approved_by_store', 'order_cancelled', 'order_cancelled_by_store', 'items_cancelled', 'order_shipped_first', 'store_refused', 'store_unreachable', 'declined_by_store', 'shipping_held', 'shipping_released']),
  agentEvents: new Set(['awaiting_review', 'store_refused', 'store_unreachable', 'order_shipped_first', 'shipping_not_released']),
  policyVerdict: ({ details }) => (details.mode === 'instant' ? 'approved' : 'needs_review'),
  tags: ({ details }) => [`cancel-${details.reasonId.replaceAll('_', '-')}`],
  summary: ({ details }) => ({
    label: 'cancellation',
    items: details.lines.map(({ title, quantity }) => ({ title, quantity, decision: details.mode === 'instant' ? 'approved' : 'needs_review', exchange: null })),
    estimatedRefund: details.refund.amount,
    ...(details.scope === 'items' ? { stateVariant: 'items' } : {}),
  }),
  shopperView: toCancellationShopperView,
  parcelLines: () => [],
  lineItemIds: ({ details }) => details.lines.map((line) => line.lineItemId),
  photos: () => [],
  agentParts: toCancellationAgentParts,
  noteSections: ({ details }, context, language) => toCancellationNoteSections(details, context, language),
};
