import type { OrderSource } from '~/orders/ports';
import { decideReturn, type ReturnDecision } from '~/policy/decide-return';
import type { Policy } from '~/policy/policy-schema';
import { quoteReturn, type ReturnQuote } from '~/policy/quote-return';
import type { ReturnContext } from '~/policy/return-context';
import type { SelectedLine } from '~/policy/validate-selection';
import type { Case, CaseStore } from '../case-store';
import type { CaseExchange, CaseLine } from './details';
import { planExchanges, type LineOffers, type PlannedExchange } from './exchange-choice';
import { exchangeShipsWhen } from '~/policy/exchange-options';
import type { ShopifyReturns } from '../ports';
import { withoutPendingUnits } from './pending-units';
import type { ReturnDraft } from '../drafts/return-draft';
import { customerHashOf, openingJobs, ticketLinkOf } from '../opening';

export type ReturnDeps = {
  orders: OrderSource;
  shopifyReturns: ShopifyReturns;
  cases: CaseStore;
  policy: Policy;
  timeZone: string;
  hashId: (value: string) => string;
  /** Whether a helpdesk is configured: then the case's ticket sync is queued with it. */
  helpdesk?: boolean;
};

export type PreparedReturn = {
  context: ReturnContext;
  decision: ReturnDecision;
  customerEmailHash: string;
};

const DAY_MS = 86_400_000;

const toCaseExchange = ({ option, settlement, clauseId }: PlannedExchange, ships: CaseExchange['ships']): CaseExchange => ({
  productId: option.productId,
  variantId: option.variantId,
  productTitle: option.productTitle,
  variantTitle: option.variantTitle,
  image: option.image,
  unitPrice: option.price,
  settle: settlement.settle,
  difference: settlement.amount,
  stockLeft: option.stock.left,
  ships,
  clauseId,
});

/**
 * Everything the return form needs for one order: Shopify's returnable units (one call) and the
 * policy's verdict per line, counting the customer's earlier return cases.
 * @throws UpstreamError
 */
export async function prepareReturn(deps: ReturnDeps, orderId: string, now: Date): Promise<PreparedReturn | null> {
  const [order, shopifyContext, cases] = await Promise.all([
    deps.orders.getOrder(orderId),
    deps.shopifyReturns.getReturnContext(orderId),
    deps.cases.listCasesForOrder(orderId),
  ]);
  if (!order || !shopifyContext) return null;
  const context = withoutPendingUnits(shopifyContext, cases, now);
  const customerEmailHash = customerHashOf(deps.hashId, order);
  const since = new Date(now.getTime() - deps.policy.review.periodDays * DAY_MS);
  const history = await deps.cases.getReturnHistory(customerEmailHash, since);
  const decision = decideReturn({ context, history, policy: deps.policy, now, timeZone: deps.timeZone });
  return { context, decision, customerEmailHash };
}

export type ReturnReview =
  | { ok: true; quote: ReturnQuote; selection: SelectedLine[] }
  | { ok: false; formErrors: string[]; lineErrors: Record<string, string[]>; quote: ReturnQuote | null };

/**
 * The draft's selection priced and checked against the policy; errors are i18n keys. Photos and
 * condition checks are the draft's own step rules (drafts/draft-steps.ts).
 */
export function reviewReturn(deps: Pick<ReturnDeps, 'policy'>, prepared: PreparedReturn, draft: ReturnDraft): ReturnReview {
  const refundMethod = draft.refundMethod ?? 'original_payment';
  const selection: SelectedLine[] = Object.entries(draft.lines).map(([fulfillmentLineItemId, line]) => ({
    fulfillmentLineItemId,
    quantity: line.quantity,
    reasonId: line.reasonId ?? '',
    outcome: line.exchange ? 'exchange' : refundMethod === 'store_credit' ? 'store_credit' : 'refund',
  }));
  const quote = quoteReturn({ decision: prepared.decision, selection, refundMethod, policy: deps.policy, context: prepared.context });
  const formErrors: string[] = [];
  const lineErrors: Record<string, string[]> = {};
  for (const error of quote.errors) {
    if (error.fulfillmentLineItemId) lineErrors[error.fulfillmentLineItemId] = [...(lineErrors[error.fulfillmentLineItemId] ?? []), error.key];
    else formErrors.push(error.key);
  }
  const ok = formErrors.length === 0 && Object.keys(lineErrors).length === 0;
  return ok ? { ok, quote, selection } : { ok, formErrors, lineErrors, quote };
}

/**
 * Saves the case, its Shopify submission job and (with a helpdesk) its ticket sync in one
 * transaction and returns at once: Shopify and Gorgias are called by workers, never on the
 * shopper's request. The same key always yields one case. A shopper who came from an agent's
 * link has the case filed on that link's ticket from the start.
 */
export async function submitReturn(
  deps: ReturnDeps,
  input: {
    prepared: PreparedReturn; quote: ReturnQuote; draft: ReturnDraft; photoIds: Record<string, string[]>; orderName: string; language: string;
    /** The chosen lines' exchange offers, read fresh at sending; each exchange line's new item comes from them. */
    offers: LineOffers;
    /** The Gorgias ticket of the agent's link the shopper came from: the case updates it. */
    ticketId?: number | null;
  },
  now: Date,
): Promise<{ ok: true; case: Case } | { ok: false }> {
  const { prepared, quote, draft } = input;
  const exchanges = new Map(planExchanges(draft, input.offers).map((planned) => [planned.fulfillmentLineItemId, planned]));
  const ships = deps.policy.exchanges ? exchangeShipsWhen(deps.policy.exchanges, prepared.context.orderTotal, deps.policy.store.currency) : 'in_transit';
  const lines: CaseLine[] = quote.lines.map((line) => {
    const planned = exchanges.get(line.fulfillmentLineItemId);
    const verdict = prepared.decision.lines.find((v) => v.fulfillmentLineItemId === line.fulfillmentLineItemId);
    const formLine = draft.lines[line.fulfillmentLineItemId];
    return {
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      lineItemId: line.lineItemId,
      title: verdict?.title ?? '',
      quantity: line.quantity,
      reasonId: line.reasonId,
      note: formLine?.note?.trim() || null,
      outcome: line.outcome,
      photoIds: input.photoIds[line.fulfillmentLineItemId] ?? [],
      decision: quote.needsReview || verdict?.decision === 'needs_review' ? 'needs_review' : 'approved',
      clauseIds: [...new Set([...(verdict?.reasons.map((r) => r.clauseId) ?? []), ...quote.reviewReasons.map((r) => r.clauseId), ...(planned ? [planned.clauseId] : [])])],
      ...(planned && line.outcome === 'exchange' ? { exchange: toCaseExchange(planned, ships) } : {}),
    };
  });
  const result = await deps.cases.openCase(
    {
      kind: 'return',
      orderId: prepared.context.orderId,
      orderName: input.orderName,
      customerEmailHash: prepared.customerEmailHash,
      language: input.language,
      details: {
        lines,
        refundMethod: draft.refundMethod ?? 'original_payment',
        totals: { itemsSubtotal: quote.totals.itemsValue, fees: quote.totals.fees, estimatedRefund: quote.totals.estimatedRefund },
        keepItems: quote.keepItems,
      },
      policyVersion: quote.policyVersion,
      ...ticketLinkOf(input.ticketId),
    },
    draft.idempotencyKey,
    now,
    openingJobs(deps.helpdesk),
  );
  return result.status === 'key_conflict' ? { ok: false } : { ok: true, case: result.case };
}
