import { hoursAgo, legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { CARRIERS } from './carriers.server';
import { SHOP_DOMAIN } from './catalog.server';
import { CUSTOMERS, type Customer } from './customers.server';
import { hexFrom } from './ids.server';
import { moneyBag, SHOP_CURRENCY, type Amount } from './money.server';
import { buildLines, settleLines } from './order-lines.server';
import { buildParcels } from './order-parcels.server';
import { buildRefunds } from './order-refunds.server';
import { buildReturns } from './order-returns.server';
import type { OrderSpec } from './order-spec.server';
import { orderMoney, orderStatuses, shippingOf } from './order-totals.server';
import { buildReturnableFulfillments } from './returnable.server';
import type { GqlObject, SeedOrder } from './types.server';

const LOCALES: Record<Customer['countryCodeV2'], string> = { FR: 'fr', BE: 'fr-BE', DE: 'de', CA: 'en-CA', US: 'en-US' };
const DEFAULT_SHIPPING_TITLE: Record<Customer['countryCodeV2'], string> = {
  FR: 'Colissimo Home Delivery', BE: 'DHL Express Worldwide', DE: 'UPS Standard', CA: 'Canada Post Expedited Parcel', US: 'USPS Priority Mail',
};

function addressOf(customer: Customer, ctx: BuildContext): GqlObject {
  const area = [customer.zip, customer.city].join(' ');
  return {
    __typename: 'MailingAddress',
    id: ctx.nextId('MailingAddress'),
    firstName: customer.firstName, lastName: customer.lastName, name: `${customer.firstName} ${customer.lastName}`,
    company: null, address1: customer.address1, address2: customer.address2, city: customer.city,
    province: customer.province, provinceCode: customer.provinceCode, country: customer.country,
    countryCodeV2: customer.countryCodeV2, zip: customer.zip, phone: customer.phone,
    formatted: [customer.address1, customer.address2, area, customer.country].filter(Boolean),
    formattedArea: [customer.city, customer.provinceCode, customer.country].filter(Boolean).join(', '),
    latitude: null, longitude: null, coordinatesValidated: false, timeZone: null,
  };
}

function customerOf(key: OrderSpec['customer'], ctx: BuildContext & { customers: Map<string, GqlObject> }): GqlObject {
  const known = ctx.customers.get(key);
  if (known) return known;
  const c = CUSTOMERS[key];
  const customer: GqlObject = {
    __typename: 'Customer', id: ctx.nextId('Customer'), firstName: c.firstName, lastName: c.lastName,
    displayName: `${c.firstName} ${c.lastName}`, email: c.email, phone: c.phone, locale: LOCALES[c.countryCodeV2],
    state: 'ENABLED', tags: [], note: null, verifiedEmail: true, taxExempt: false,
  };
  ctx.customers.set(key, customer);
  return customer;
}

function shippingLineOf(spec: OrderSpec, customer: Customer, shipping: Amount, ctx: BuildContext): GqlObject | null {
  if (!spec.lines.some((l) => !l.sku.startsWith('GC-'))) return null;
  const carrier = spec.parcels?.find((p) => p.carrier)?.carrier;
  const title = carrier === 'chronopost' ? 'Chronopost Express 24h'
    : spec.parcels?.some((p) => p.stage === 'untracked' && p.trackingNumber) ? 'Local courier'
    : carrier ? `${CARRIERS[carrier].company} ${carrier === 'colissimo' ? 'Home Delivery' : 'Standard'}`
    : DEFAULT_SHIPPING_TITLE[customer.countryCodeV2];
  return {
    __typename: 'ShippingLine', id: ctx.nextId('ShippingLine'), title, code: title, source: 'shopify',
    carrierIdentifier: null, custom: false, isRemoved: false, phone: null, deliveryCategory: null,
    originalPriceSet: moneyBag(shipping), discountedPriceSet: moneyBag(shipping), currentDiscountedPriceSet: moneyBag(shipping),
    taxLines: [], discountAllocations: [],
  };
}

/** Units refunded on each line without going through a return (damaged goods, cancellation). */
function refundsOutsideReturns(spec: OrderSpec, lines: DraftLine[]): Map<DraftLine, number> {
  const map = new Map<DraftLine, number>();
  for (const refund of spec.refunds ?? []) {
    if (refund.forReturn !== undefined) continue;
    for (const [index, quantity] of refund.lines) {
      const line = lines[index];
      if (line) map.set(line, (map.get(line) ?? 0) + quantity);
    }
  }
  return map;
}

/** Builds one order and everything hanging off it, consistent with its spec and the clock. */
export function buildOrder(spec: OrderSpec, ctx: BuildContext & { customers: Map<string, GqlObject> }) {
  const customer = CUSTOMERS[spec.customer];
  const id = ctx.nextId('Order');
  const name = `#${spec.number}`;
  const order = { __typename: 'Order', id, name } as SeedOrder;
  const lines = buildLines(spec, ctx);
  const address = addressOf(customer, ctx);
  const fulfillments = buildParcels(spec, order, lines, customer, ctx);
  const { returns, returnedByFulfillmentLine } = buildReturns(spec, order, fulfillments, lines, ctx);
  const shipping = shippingOf(spec, lines, customer);
  const refunds = buildRefunds(spec, order, lines, returns, shipping, ctx);
  settleLines(lines);
  const money = orderMoney(spec, lines, shipping, refunds, customer);
  const statuses = orderStatuses(spec, lines, returns, money.total, money.refunded);
  const placedAt = hoursAgo(ctx, spec.placedHoursAgo);
  const activity = [placedAt, ...fulfillments.map((f) => String(f.updatedAt)), ...refunds.refunds.map((r) => String(r.createdAt)),
    ...returns.flatMap((r) => [String(r.createdAt), r.closedAt ? String(r.closedAt) : ''])].sort();
  const updatedAt = activity[activity.length - 1] ?? placedAt;
  const shippingLine = shippingLineOf(spec, customer, shipping, ctx);
  Object.assign(order, {
    legacyResourceId: legacyIdOf(id),
    number: spec.number,
    email: spec.email ?? customer.email,
    phone: customer.phone,
    customer: customerOf(spec.customer, ctx),
    createdAt: placedAt,
    processedAt: placedAt,
    updatedAt,
    cancelledAt: spec.cancellation ? hoursAgo(ctx, spec.cancellation.hoursAgo) : null,
    cancelReason: spec.cancellation?.reason ?? null,
    cancellation: null,
    ...statuses,
    closedAt: statuses.closed ? updatedAt : null,
    confirmed: true,
    test: false,
    edited: false,
    currencyCode: SHOP_CURRENCY,
    presentmentCurrencyCode: spec.currency,
    ...money.fields,
    taxExempt: false,
    requiresShipping: lines.some((l) => !l.giftCard),
    fullyPaid: true,
    unpaid: false,
    refundable: money.refunded.shop < money.total.shop,
    restockable: lines.some((l) => l.quantity > l.refunded),
    fulfillable: lines.some((l) => l.quantity - l.fulfilled - l.refunded > 0) && !spec.cancellation,
    canMarkAsPaid: false,
    note: spec.note ?? null,
    tags: spec.tags ?? [],
    customerLocale: customer.provinceCode === 'QC' ? 'fr-CA' : LOCALES[customer.countryCodeV2],
    sourceName: 'web',
    confirmationNumber: hexFrom(`confirmation-${spec.number}`, 9).toUpperCase(),
    statusPageUrl: `https://${SHOP_DOMAIN}/84317569309/orders/${hexFrom(`token-${spec.number}`, 32)}/authenticate?key=${hexFrom(`key-${spec.number}`, 32)}`,
    shippingAddress: address,
    billingAddress: address,
    displayAddress: address,
    billingAddressMatchesShippingAddress: true,
    shippingLine,
    shippingLines: shippingLine ? [shippingLine] : [],
    subtotalLineItemsQuantity: lines.reduce((sum, l) => sum + l.quantity, 0),
    currentSubtotalLineItemsQuantity: lines.reduce((sum, l) => sum + l.quantity - l.refunded, 0),
    discountCode: null,
    discountCodes: [],
    paymentGatewayNames: ['shopify_payments'],
    lineItems: lines.map((l) => l.item),
    fulfillments,
    refunds: refunds.refunds,
    returns,
  });
  const returnable = spec.cancellation
    ? []
    : buildReturnableFulfillments(fulfillments, lines, returnedByFulfillmentLine, refundsOutsideReturns(spec, lines), ctx);
  return { order, returnable };
}
