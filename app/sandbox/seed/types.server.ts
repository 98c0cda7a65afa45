/**
 * Shapes of the sandbox seed. Entities are GraphQL-shaped plain objects: field names and values
 * are exactly what the Admin API returns, so the emulator can serve them without translation.
 */

/** Any object served through GraphQL; `__typename` lets interfaces such as Node resolve. */
export type GqlObject = { __typename: string; [field: string]: unknown };

export type CurrencyCode = 'EUR' | 'CAD' | 'USD';

export type MoneyV2 = { __typename: 'MoneyV2'; amount: string; currencyCode: CurrencyCode };
export type MoneyBag = { __typename: 'MoneyBag'; shopMoney: MoneyV2; presentmentMoney: MoneyV2 };

/** The fields the emulator reads itself (search, sort); the rest is served as is. */
export type SeedOrder = GqlObject & {
  __typename: 'Order';
  id: string;
  name: string;
  number: number;
  email: string;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  closed: boolean;
  cancelledAt: string | null;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  returnStatus: string;
  tags: string[];
  totalPriceSet: MoneyBag;
  currentTotalPriceSet: MoneyBag;
};

/** One row of the demo-order listing shown to people trying the sandbox. */
export type DemoOrder = {
  name: string;
  email: string;
  scenario: ScenarioId;
  description: string;
  currency: CurrencyCode;
  country: string;
};

export const SCENARIO_IDS = [
  'unfulfilled',
  'partially-fulfilled',
  'in-transit',
  'out-for-delivery',
  'delivered-recently',
  'delivered-long-ago',
  'delivery-attempted',
  'delivery-failed',
  'delayed',
  'label-created',
  'tracking-without-carrier',
  'cancelled',
  'partially-refunded',
  'return-in-progress',
  'return-requested',
  'exchange-in-progress',
  'returned-and-refunded',
  'final-sale',
  'gift-card',
  'eur-france',
  'cad-canada',
  'usd-united-states',
  'international-europe',
  'multi-item-variants',
  'two-parcels-delivered',
  'running-late',
  'ready-to-exchange',
  'ready-to-cancel',
  'cancel-for-review',
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Everything the emulator serves, built for one instant. */
export type Seed = {
  shop: GqlObject;
  orders: SeedOrder[];
  products: GqlObject[];
  returnReasonDefinitions: GqlObject[];
  /** Per order id: what Shopify would answer to `returnableFulfillments(orderId:)`. */
  returnableFulfillments: Map<string, GqlObject[]>;
  /** Every object with a global id, for `node`/`nodes`. */
  nodes: Map<string, GqlObject>;
};
