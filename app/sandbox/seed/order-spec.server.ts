import type { CarrierId } from './carriers.server';
import type { CustomerKey } from './customers.server';
import type { JourneySpec } from './journeys.server';
import type { CurrencyCode, ScenarioId } from './types.server';

/** Quantities of order lines, by index in `OrderSpec.lines`. */
export type LineQuantities = Array<[line: number, quantity: number]>;

export type ParcelSpec = JourneySpec & {
  /** `null`: no known carrier (a number typed by hand, or a digital item). */
  carrier: CarrierId | null;
  /** Only for parcels without a carrier; carriers number their own parcels. */
  trackingNumber?: string;
  lines: LineQuantities;
};

export type RefundSpec = {
  hoursAgo: number;
  note: string;
  lines: LineQuantities;
  /** Also refund the shipping charge. */
  shipping?: boolean;
  /** Index in `OrderSpec.returns` when this refund settles a return. */
  forReturn?: number;
};

export type ReturnSpec = {
  status: 'REQUESTED' | 'OPEN' | 'CLOSED' | 'DECLINED';
  hoursAgo: number;
  lines: Array<{ parcel: number; line: number; quantity: number; reason: string; note?: string }>;
  /** Replacement variants, by SKU. */
  exchanges?: Array<{ sku: string; quantity: number }>;
};

/** One demo order, described the way a support agent would tell its story. */
export type OrderSpec = {
  number: number;
  scenario: ScenarioId;
  description: string;
  customer: CustomerKey;
  /** The order's email when it is not the customer's own (a guest checkout with another address). */
  email?: string;
  currency: CurrencyCode;
  placedHoursAgo: number;
  lines: Array<{ sku: string; quantity: number }>;
  parcels?: ParcelSpec[];
  refunds?: RefundSpec[];
  returns?: ReturnSpec[];
  cancellation?: { hoursAgo: number; reason: 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF' };
  /** Shipping charged, in shop-currency cents; a default applies by destination. */
  shipping?: number;
  tags?: string[];
  note?: string;
};
