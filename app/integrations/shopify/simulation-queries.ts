/**
 * The Admin API document behind `npm run policy:simulate`: order ids only, 50 a page, oldest
 * first. Each order's details then come from the return context query, as for a shopper.
 */
export const SIMULATION_ORDERS_QUERY = `#graphql
  query ComptoirSimulationOrders($after: String, $query: String!) {
    orders(first: 50, after: $after, query: $query, sortKey: CREATED_AT) {
      nodes { id }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** `created_at:>=2026-01-31`: Shopify reads a bare date on the shop's calendar. */
export function toCreatedSinceSearch(since: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new Error(`Not a YYYY-MM-DD date: "${since}"`);
  return `created_at:>=${since}`;
}
