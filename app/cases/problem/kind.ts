import type { CaseKindDefinition } from '../kind';
import { toProblemAgentParts } from './agent-view';
import { ProblemDetailsSchema, type ProblemDetails } from './details';
import { createProblemExecutor } from './execute.server';
import { PROBLEM_TEXT, toProblemNoteSections, toProblemTags } from './notes';
import { toProblemShopperView, type ProblemShopperView } from './shopper-view';

/** A problem with a parcel (not received, damaged, wrong item…): the policy's offer, carried out in Shopify by the portal. */
export const problemKind: CaseKindDefinition<'problem', ProblemDetails, ProblemShopperView> = {
  kind: 'problem',
  details: ProblemDetailsSchema,
  // An offer the policy makes is approved at once and carried out in Shopify (→ completed), or
  // handed to the team when Shopify refuses (→ needs_review). A review goes received → needs_review,
  // shared with every kind; an agent's approval there comes back through approved.
  transitions: {
    received: ['approved'],
    approved: ['completed', 'needs_review'],
  },
  review: 'portal',
  execute: createProblemExecutor,
  text: PROBLEM_TEXT,
  shopperEvents: new Set(['awaiting_review', 'offer_approved', 'approved_by_store', 'offer_carried_out', 'store_refused', 'store_unreachable', 'declined_by_store', 'completed']),
  agentEvents: new Set(['awaiting_review', 'store_refused', 'store_unreachable']),
  policyVerdict: ({ details }) => (details.offer.outcome === 'review' ? 'needs_review' : 'approved'),
  tags: ({ details }) => toProblemTags(details),
  summary: ({ details }) => ({
    label: 'problem',
    items: details.lines.map(({ title, quantity }) => ({ title, quantity, decision: details.offer.outcome === 'review' ? 'needs_review' : 'approved', exchange: null })),
    estimatedRefund: details.offer.outcome === 'refund' || details.offer.outcome === 'store_credit' ? details.offer.amount : null,
  }),
  shopperView: toProblemShopperView,
  parcelLines: () => [],
  lineItemIds: ({ details }) => details.lines.map((line) => line.lineItemId),
  // Named `<case>-<photo>`: one report, one set of photos.
  photos: ({ id, details }) => details.photoIds.map((key, index) => ({ key, name: `${id}-${index + 1}` })),
  agentParts: toProblemAgentParts,
  noteSections: ({ details }, context, language) => toProblemNoteSections(details, context, language),
};
