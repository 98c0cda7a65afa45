import type { CaseKindDefinition } from '../kind';
import { toReturnAgentParts } from './agent-view';
import { ReturnDetailsSchema, type ReturnDetails } from './details';
import { createReturnExecutor } from './execute.server';
import { RETURN_TEXT, toReturnNoteSections } from './notes';
import { toReturnShopperView, type ReturnShopperView } from './shopper-view';

/** A return: lines sent back for a refund, store credit or another item (an exchange). */
export const returnKind: CaseKindDefinition<'return', ReturnDetails, ReturnShopperView> = {
  kind: 'return',
  details: ReturnDetailsSchema,
  // A parcel may skip steps: the shopper may use their own carrier (no label), and a carrier may
  // never report the parcel in transit before it is delivered.
  // A store may refund before it receives the parcel (on the carrier's scan), and a provider may
  // cancel a return or let its label expire while nothing has been posted yet. `received_by_store`
  // comes first: a refund reported on an approved case goes through it, never through a label.
  transitions: {
    approved: ['received_by_store', 'label_issued', 'in_transit', 'return_cancelled', 'label_expired'],
    label_issued: ['in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'],
    in_transit: ['received_by_store', 'refunded', 'return_cancelled'],
    received_by_store: ['refunded'],
  },
  execute: createReturnExecutor,
  text: RETURN_TEXT,
  shopperEvents: new Set([
    'submitted_to_store', 'approved_by_store', 'awaiting_review', 'store_refused', 'store_unreachable', 'not_submitted',
    'declined_by_store', 'return_closed', 'refunded_by_store',
    'label_pending', 'label_issued', 'tracking_added', 'parcel_in_transit', 'parcel_delivered', 'return_received', 'refund_issued',
    'return_cancelled', 'label_expired', 'exchange_invoice_sent', 'exchange_released', 'exchange_shipped', 'exchange_delivered', 'exchange_balance_paid',
  ]),
  agentEvents: new Set(['awaiting_review', 'store_refused', 'not_submitted', 'store_unreachable', 'label_refused', 'return_cancelled', 'exchange_release_refused']),
  policyVerdict: ({ details }) => {
    if (details.lines.some((line) => line.decision === 'needs_review')) return 'needs_review';
    return details.lines.every((line) => line.decision === 'declined') ? 'declined' : 'approved';
  },
  // `exchange` beside the reasons: agents filter the tickets where a new item has to go out.
  tags: ({ details }) => [...details.lines.map((line) => line.reasonId), ...(details.lines.some((line) => line.outcome === 'exchange') ? ['exchange'] : [])],
  summary: ({ details }) => ({
    label: details.lines.every((line) => line.outcome === 'exchange') ? 'exchange' : 'return',
    items: details.lines.map(({ title, quantity, decision, outcome, exchange }) => ({
      title, quantity, decision,
      exchange: outcome === 'exchange' && exchange
        ? { productTitle: exchange.productTitle, variantTitle: exchange.variantTitle, settle: exchange.settle, difference: exchange.difference, ships: exchange.ships }
        : null,
    })),
    estimatedRefund: details.totals.estimatedRefund,
  }),
  shopperView: toReturnShopperView,
  parcelLines: ({ details }) => (details.keepItems ? [] : details.lines.filter((line) => line.decision !== 'declined')),
  lineItemIds: ({ details }) => details.lines.map((line) => line.lineItemId),
  // Named `<case>-<line>-<photo>`, so an agent tells which line a photo shows.
  photos: ({ id, details }) => details.lines.flatMap((line, index) => line.photoIds.map((key, n) => ({ key, name: `${id}-${index + 1}-${n + 1}` }))),
  agentParts: toReturnAgentParts,
  noteSections: ({ details }, context, language) => toReturnNoteSections(details, context, language),
};
