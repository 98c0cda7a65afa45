import type { Money } from '~/orders/types';
import type { CaseState } from '../case-state';
import type { ShopperViewContext } from '../kind';
import type { CaseExchange, CaseLine, ReturnDetails } from './details';
import { isBalancePaid, toExchangeParcelView, type ExchangeParcelView } from './exchange-progress';
import { toReturnShippingView, type ReturnShippingView } from './shipping-view';

/** The new item an exchanged line brings, as the shopper reads it: what it is, the price difference and when it ships. */
export type ShopperExchangeView = Pick<CaseExchange, 'productTitle' | 'variantTitle' | 'settle' | 'difference' | 'ships'> & { image: CaseExchange['image'] | null };

/** The return's part of the shopper's case page: each line as it stands, the refund to expect, and how to send it back. */
export type ReturnShopperView = {
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; decision: CaseLine['decision']; photoUrls: string[]; exchange: ShopperExchangeView | null }[];
  estimatedRefund: Money;
  /** Whether any line goes back for money: when every one is exchanged, no refund is shown. */
  refunded: boolean;
  shipping: ReturnShippingView | null;
  /** The new items' own way to the shopper, once an item is exchanged: null before it ships. */
  exchangeParcel: ExchangeParcelView | null;
  /** Whether a price difference invoiced for an exchange is paid. */
  balancePaid: boolean;
  /** Whether Shopify was asked to ship the new items before the return is processed. */
  exchangeReleased: boolean;
};

const STORE_APPROVED: readonly CaseState[] = ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'];

/** A line the policy left to a check shows the store's answer once the case has one. */
function toShownDecision(decision: CaseLine['decision'], state: CaseState, declined: boolean): CaseLine['decision'] {
  if (decision !== 'needs_review') return decision;
  if (declined || state === 'declined') return 'declined';
  return STORE_APPROVED.includes(state) ? 'approved' : decision;
}

// Stock and product ids are the store's business, not the shopper's.
const toShopperExchange = ({ productTitle, variantTitle, settle, difference, ships, image }: CaseExchange): ShopperExchangeView => ({ productTitle, variantTitle, settle, difference, ships, image: image ?? null });

export function toReturnShopperView(found: { state: CaseState; details: ReturnDetails }, { declined, events, returnAddress }: ShopperViewContext): ReturnShopperView {
  return {
    shipping: toReturnShippingView({ state: found.state, keepItems: found.details.keepItems ?? false, exchangeOnly: found.details.lines.every((line) => line.outcome === 'exchange') }, events, returnAddress),
    lines: found.details.lines.map(({ fulfillmentLineItemId, title, quantity, decision, photoIds, outcome, exchange }) => ({
      fulfillmentLineItemId,
      title,
      quantity,
      decision: toShownDecision(decision, found.state, declined),
      photoUrls: photoIds.map((key) => `/photos/${encodeURIComponent(key)}`),
      exchange: outcome === 'exchange' && exchange ? toShopperExchange(exchange) : null,
    })),
    estimatedRefund: found.details.totals.estimatedRefund,
    refunded: found.details.lines.some((line) => line.outcome !== 'exchange'),
    exchangeParcel: toExchangeParcelView(events),
    balancePaid: isBalancePaid(events),
    exchangeReleased: events.some((event) => event.type === 'exchange_released'),
  };
}
