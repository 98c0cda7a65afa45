import type { LineItem, Order, Parcel } from './types';

/** Small builders for domain tests: every field explicit, overrides per test. */
export function aLine(overrides: Partial<LineItem> = {}): LineItem {
  return {
    id: 'gid://shopify/LineItem/1',
    title: 'Linen shirt',
    variantTitle: 'M / Sand',
    sku: 'SHIRT-M-SAND',
    quantity: 1,
    currentQuantity: 1,
    unfulfilledQuantity: 0,
    requiresShipping: true,
    isGiftCard: false,
    image: { url: 'https://cdn.example/shirt.svg', altText: 'Linen shirt' },
    unitPrice: { amount: '59.00', currencyCode: 'EUR' },
    ...overrides,
  };
}

export function aParcel(overrides: Partial<Parcel> = {}): Parcel {
  return {
    id: 'gid://shopify/Fulfillment/1',
    status: 'in_transit',
    createdAt: new Date('2026-11-10T09:00:00Z'),
    deliveredAt: null,
    estimatedDeliveryAt: null,
    carrier: 'Colissimo',
    trackingNumber: '6A12345678901',
    trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    events: [],
    lines: [{ lineItemId: 'gid://shopify/LineItem/1', quantity: 1 }],
    ...overrides,
  };
}

export function anOrder(overrides: Partial<Order> = {}): Order {
  const createdAt = overrides.createdAt ?? new Date('2026-11-09T14:30:00Z');
  return {
    id: 'gid://shopify/Order/1',
    name: '#1001',
    email: 'camille.martin@example.com',
    phone: '+33612345678',
    createdAt,
    processedAt: createdAt,
    cancelledAt: null,
    closed: false,
    tags: [],
    netPayment: overrides.total ?? { amount: '64.90', currencyCode: 'EUR' },
    financialStatus: 'PAID',
    fulfillmentStatus: 'FULFILLED',
    total: { amount: '64.90', currencyCode: 'EUR' },
    shippingAddress: {
      firstName: 'Camille',
      lastName: 'Martin',
      address1: '12 rue de la Roquette',
      address2: null,
      city: 'Paris',
      provinceCode: null,
      countryCode: 'FR',
      zip: '75011',
      phone: '+33612345678',
    },
    lineItems: [aLine()],
    parcels: [aParcel()],
    returns: [],
    ...overrides,
  };
}
