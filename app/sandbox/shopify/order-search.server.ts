import type { SeedOrder } from '~/sandbox/seed/types.server';
import { fieldsOf, parseSearch, type SearchNode, type Term } from './search-syntax.server';

export type SearchWarning = { field: string; message: string };

const FULFILLMENT_ALIASES: Record<string, string[]> = {
  unshipped: ['UNFULFILLED'], unfulfilled: ['UNFULFILLED'], shipped: ['FULFILLED'], fulfilled: ['FULFILLED'],
  partial: ['PARTIALLY_FULFILLED'], scheduled: ['SCHEDULED'], on_hold: ['ON_HOLD'], request_declined: ['REQUEST_DECLINED'],
};

const lower = (text: unknown) => String(text ?? '').toLowerCase();

/** Exact, case-insensitive; a trailing `*` makes it a prefix match, as in Shopify's syntax. */
function matchesText(actual: unknown, wanted: string): boolean {
  const a = lower(actual);
  const w = wanted.toLowerCase();
  return w.endsWith('*') ? a.startsWith(w.slice(0, -1)) : a === w;
}

function compare(actual: string | number, term: Term): boolean {
  const wanted = typeof actual === 'number' ? Number(term.value) : term.value;
  switch (term.comparator) {
    case '>': return actual > wanted;
    case '<': return actual < wanted;
    case '>=': return actual >= wanted;
    case '<=': return actual <= wanted;
    default: return typeof actual === 'number' ? actual === wanted : String(actual).startsWith(String(wanted));
  }
}

const withoutHash = (name: string) => name.replace(/^#/, '');

/** Field name → predicate. Unknown fields are reported and ignored, which is what Shopify does. */
const FIELDS: Record<string, (order: SeedOrder, term: Term) => boolean> = {
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

function freeText(order: SeedOrder, value: string): boolean {
  const wanted = value.toLowerCase();
  return [order.name, withoutHash(order.name), order.email].some((field) => lower(field).includes(wanted));
}

function evaluate(node: SearchNode, order: SeedOrder): boolean {
  switch (node.kind) {
    case 'all': return true;
    case 'and': return node.children.every((child) => evaluate(child, order));
    case 'or': return node.children.some((child) => evaluate(child, order));
    case 'not': return !evaluate(node.child, order);
    case 'term': {
      if (!node.field) return freeText(order, node.value);
      const predicate = Object.hasOwn(FIELDS, node.field) ? FIELDS[node.field] : undefined;
      return predicate ? predicate(order, node) : true;
    }
  }
}

/** Filters orders with a Shopify `query:` string; returns the warnings Shopify would attach. */
export function searchOrders(orders: SeedOrder[], query: string | null | undefined) {
  const tree = parseSearch(query);
  const warnings: SearchWarning[] = [...new Set(fieldsOf(tree))]
    .filter((field) => !Object.hasOwn(FIELDS, field))
    .map((field) => ({ field, message: 'Invalid search field for this query.' }));
  return { orders: orders.filter((order) => evaluate(tree, order)), warnings };
}
