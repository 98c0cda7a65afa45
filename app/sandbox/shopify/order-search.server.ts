import type { SeedOrder } from '~/sandbox/seed/types.server';
import { compare, matchesText, searchWith, type SearchFields } from './search-filter.server';

export type { SearchWarning } from './search-filter.server';

const FULFILLMENT_ALIASES: Record<string, string[]> = {
  unshipped: ['UNFULFILLED'], unfulfilled: ['UNFULFILLED'], shipped: ['FULFILLED'], fulfilled: ['FULFILLED'],
  partial: ['PARTIALLY_FULFILLED'], scheduled: ['SCHEDULED'], on_hold: ['ON_HOLD'], request_declined: ['REQUEST_DECLINED'],
};

const withoutHash = (name: string) => name.replace(/^#/, '');

/** Field name → predicate. Unknown fields are reported and ignored, which is what Shopify does. */
const FIELDS: SearchFields<SeedOrder> = {
  name: (order, term) => matchesText(withoutHash(order.name), withoutHash(term.value)),
  email: (order, term) => matchesText(order.email, term.value),
  status: (order, term) => {
    switch (term.value.toLowerCase()) {
      case 'open': return !order.closed && !order.cancelledAt;
      case 'closed': return order.closed;
      case 'cancelled': return Boolean(order.cancelledAt);
      case 'not_closed': return !order.closed;
      case 'any': return true;
      default: return false;
    }
  },
  financial_status: (order, term) => matchesText(order.displayFinancialStatus, term.value),
  fulfillment_status: (order, term) =>
    (FULFILLMENT_ALIASES[term.value.toLowerCase()] ?? [term.value.toUpperCase()]).includes(order.displayFulfillmentStatus),
  return_status: (order, term) => matchesText(order.returnStatus, term.value),
  tag: (order, term) => order.tags.some((tag) => matchesText(tag, term.value)),
  tag_not: (order, term) => !order.tags.some((tag) => matchesText(tag, term.value)),
  id: (order, term) => compare(Number(order.id.slice(order.id.lastIndexOf('/') + 1)), term),
  created_at: (order, term) => compare(order.createdAt, term),
  processed_at: (order, term) => compare(order.processedAt, term),
  updated_at: (order, term) => compare(order.updatedAt, term),
};

const lower = (text: unknown) => String(text ?? '').toLowerCase();

function freeText(order: SeedOrder, value: string): boolean {
  const wanted = value.toLowerCase();
  return [order.name, withoutHash(order.name), order.email].some((field) => lower(field).includes(wanted));
}

/** Filters orders with a Shopify `query:` string; returns the warnings Shopify would attach. */
export function searchOrders(orders: SeedOrder[], query: string | null | undefined) {
  const { items, warnings } = searchWith(orders, query, FIELDS, freeText);
  return { orders: items, warnings };
}
