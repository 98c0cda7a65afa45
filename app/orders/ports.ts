import type { Order } from './types';

/** Where orders come from: Shopify in live mode, the Shopify emulator in sandbox mode. */
export interface OrderSource {
  /**
   * Finds the order with this number placed with this email, in one upstream call.
   * Returns null when nothing matches; never says which of the two did not match.
   * @throws UpstreamError when Shopify is throttling or failing.
   */
  findOrderForShopper(query: { orderNumber: string; email: string }): Promise<Order | null>;
  /** Reads one order by its Shopify id. @throws UpstreamError */
  getOrder(id: string): Promise<Order | null>;
}
