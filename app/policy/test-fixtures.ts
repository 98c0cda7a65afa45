import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY_FILE, parsePolicy } from './load-policy.server';
import type { Policy } from './policy-schema';
import type { ReturnContext, ReturnableLine } from './return-context';

/** Test data for the policy engine: the sample policy, and orders shaped like the adapter's. */

export const SAMPLE_TEXT = readFileSync(DEFAULT_POLICY_FILE, 'utf8');

/** The sample file as plain data, to edit and re-serialise in loader tests. */
export function readSampleData(): Record<string, unknown> {
  return parse(SAMPLE_TEXT) as Record<string, unknown>;
}

const sample = parsePolicy(SAMPLE_TEXT, DEFAULT_POLICY_FILE);

/**
 * The sample policy, optionally edited after validation, so engine tests can reach states the
 * loader would refuse (a non-compliant policy meeting an EU order, for one).
 */
export function buildPolicy(edit?: (policy: Policy) => void): Policy {
  const policy = structuredClone(sample);
  edit?.(policy);
  return policy;
}

let sequence = 0;

export function makeLine(overrides: Partial<ReturnableLine> = {}): ReturnableLine {
  sequence += 1;
  return {
    lineItemId: `gid://shopify/LineItem/${sequence}`,
    fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${sequence}`,
    fulfillmentId: 'gid://shopify/Fulfillment/1',
    title: 'Marinière Saint-Malo',
    variantTitle: 'M / Navy',
    sku: 'MAR-M-NAV',
    productId: 'gid://shopify/Product/1',
    variantId: 'gid://shopify/ProductVariant/11',
    productTags: ['breton', 'cotton'],
    productType: 'Tops',
    vendor: 'Comptoir',
    isGiftCard: false,
    unitPrice: { amount: '45.00', currencyCode: 'EUR' },
    returnableQuantity: 1,
    deliveredAt: new Date('2026-03-12T10:00:00Z'),
    fulfilledAt: new Date('2026-03-10T09:00:00Z'),
    image: null,
    ...overrides,
  };
}

export function makeContext(lines: ReturnableLine[], overrides: Partial<ReturnContext> = {}): ReturnContext {
  return {
    orderId: 'gid://shopify/Order/1001',
    orderName: '#1001',
    orderCreatedAt: new Date('2026-03-08T15:00:00Z'),
    orderTotal: { amount: '120.00', currencyCode: 'EUR' },
    shippingCountryCode: 'FR',
    lines,
    ...overrides,
  };
}

export const PARIS = 'Europe/Paris';
