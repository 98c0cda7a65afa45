import type { OrderSpec } from './order-spec.server';

/** Demo orders #1001–#1016. Times are hours before the seed's clock. */
export const ORDER_SPECS_1001: OrderSpec[] = [
  {
    number: 1001, scenario: 'unfulfilled', customer: 'camille', currency: 'EUR', placedHoursAgo: 1,
    description: 'Placed an hour ago and not shipped yet: the address can still be changed or the order cancelled.',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }, { sku: 'BER-BLK', quantity: 1 }],
  },
  {
    number: 1002, scenario: 'partially-fulfilled', customer: 'lucas', currency: 'EUR', placedHoursAgo: 96,
    description: 'Three items: the smock was delivered by Colissimo, the chinos are on their way with La Poste and the sweater has not shipped yet.',
    lines: [{ sku: 'VAR-NAV-L', quantity: 1 }, { sku: 'CHI-OLI-42', quantity: 1 }, { sku: 'PUL-GRY-M', quantity: 1 }],
    parcels: [
      { carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 20, lines: [[0, 1]] },
      { carrier: 'la-poste', stage: 'in-transit', shippedHoursAgo: 30, lastEventHoursAgo: 3, lines: [[1, 1]] },
    ],
    note: 'Sweater shipping separately once restocked at the warehouse.',
  },
  {
    number: 1003, scenario: 'in-transit', customer: 'chloe', currency: 'EUR', placedHoursAgo: 50,
    description: 'In transit with Colissimo: several scans so far, delivery expected tomorrow.',
    lines: [{ sku: 'ESP-NAT-39', quantity: 1 }, { sku: 'CHA-NAV-36-40', quantity: 2 }],
    parcels: [{
      carrier: 'colissimo', stage: 'in-transit', shippedHoursAgo: 40, lastEventHoursAgo: 3, etaHoursFromNow: 26, lines: [[0, 1], [1, 2]],
      extraHubs: [{ city: 'Saint-Pierre-des-Corps', province: null, country: 'France', zip: '37700' }],
    }],
  },
  {
    number: 1004, scenario: 'out-for-delivery', customer: 'hugo', currency: 'EUR', placedHoursAgo: 40, shipping: 1290,
    description: 'Out for delivery with Chronopost today.',
    lines: [{ sku: 'TRE-BEI-M', quantity: 1 }],
    parcels: [{ carrier: 'chronopost', stage: 'out-for-delivery', shippedHoursAgo: 26, lastEventHoursAgo: 1.5, lines: [[0, 1]] }],
  },
  {
    number: 1005, scenario: 'delivered-recently', customer: 'lea', currency: 'EUR', placedHoursAgo: 130,
    description: 'Delivered 3 days ago by Colissimo; both items can be returned or exchanged.',
    lines: [{ sku: 'MAR-RED-S', quantity: 1 }, { sku: 'CHI-SAN-40', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 120, lastEventHoursAgo: 72, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1006, scenario: 'delivered-long-ago', customer: 'manon', currency: 'EUR', placedHoursAgo: 1176,
    description: 'Delivered 45 days ago: outside a 30-day return window.',
    lines: [{ sku: 'PUL-BDX-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 1150, lastEventHoursAgo: 1080, lines: [[0, 1]] }],
  },
  {
    number: 1007, scenario: 'delivery-attempted', customer: 'louis', currency: 'EUR', placedHoursAgo: 100,
    description: 'La Poste tried to deliver this morning and left a notice; the parcel waits at the post office.',
    lines: [{ sku: 'VAR-OCH-L', quantity: 1 }],
    parcels: [{ carrier: 'la-poste', stage: 'attempted', shippedHoursAgo: 80, lastEventHoursAgo: 5, lines: [[0, 1]] }],
  },
  {
    number: 1008, scenario: 'tracking-without-carrier', customer: 'jade', currency: 'EUR', placedHoursAgo: 120,
    description: 'Shipped by a local courier: a tracking number, but no carrier name and no tracking link.',
    lines: [{ sku: 'BER-BDX', quantity: 1 }, { sku: 'TOT-ECR', quantity: 1 }],
    parcels: [{ carrier: null, trackingNumber: 'MRS-20419-7731', stage: 'untracked', shippedHoursAgo: 100, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1009, scenario: 'cancelled', customer: 'gabriel', currency: 'EUR', placedHoursAgo: 72,
    description: 'Cancelled at the shopper’s request two and a half days ago and refunded in full.',
    lines: [{ sku: 'MAR-NAV-L', quantity: 2 }],
    cancellation: { hoursAgo: 60, reason: 'CUSTOMER' },
    refunds: [{ hoursAgo: 60, note: 'Order cancelled at the customer’s request', lines: [[0, 2]], shipping: true }],
  },
  {
    number: 1010, scenario: 'partially-refunded', customer: 'ines', currency: 'EUR', placedHoursAgo: 240,
    description: 'Delivered a week ago; one pair of socks was refunded because it arrived damaged.',
    lines: [{ sku: 'CHI-SAN-38', quantity: 1 }, { sku: 'MAR-NAV-S', quantity: 1 }, { sku: 'CHA-RED-41-45', quantity: 2 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 220, lastEventHoursAgo: 168, lines: [[0, 1], [1, 1], [2, 2]] }],
    refunds: [{ hoursAgo: 150, note: 'One pair of socks arrived damaged', lines: [[2, 1]] }],
  },
  {
    number: 1011, scenario: 'return-in-progress', customer: 'arthur', currency: 'EUR', placedHoursAgo: 300,
    description: 'Delivered 10 days ago; the smock is already in an open return (too small), the top can still be returned.',
    lines: [{ sku: 'VAR-NAV-M', quantity: 1 }, { sku: 'MAR-RED-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 290, lastEventHoursAgo: 240, lines: [[0, 1], [1, 1]] }],
    returns: [{ status: 'OPEN', hoursAgo: 48, lines: [{ parcel: 0, line: 0, quantity: 1, reason: 'size-too-small', note: 'Tight across the shoulders' }] }],
  },
  {
    number: 1012, scenario: 'final-sale', customer: 'camille', currency: 'EUR', placedHoursAgo: 200,
    description: 'Delivered 6 days ago: the silk scarf is a final-sale item (tag final-sale) and cannot be returned; the top can.',
    lines: [{ sku: 'FOU-PAI', quantity: 1 }, { sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 190, lastEventHoursAgo: 150, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1013, scenario: 'gift-card', customer: 'raphael', currency: 'EUR', placedHoursAgo: 150,
    description: 'A €50 gift card (sent by email, not returnable) and a beret delivered 4 days ago.',
    lines: [{ sku: 'GC-50', quantity: 1 }, { sku: 'BER-BLK', quantity: 1 }],
    parcels: [
      { carrier: null, stage: 'untracked', shippedHoursAgo: 149.9, lines: [[0, 1]] },
      { carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 140, lastEventHoursAgo: 100, lines: [[1, 1]] },
    ],
  },
  {
    number: 1014, scenario: 'eur-france', customer: 'zoe', currency: 'EUR', placedHoursAgo: 170,
    description: 'Paid in euros, shipped to Dijon (France) with La Poste and delivered 5 days ago.',
    lines: [{ sku: 'PUL-GRY-L', quantity: 1 }],
    parcels: [{ carrier: 'la-poste', stage: 'delivered', shippedHoursAgo: 160, lastEventHoursAgo: 120, lines: [[0, 1]] }],
  },
  {
    number: 1015, scenario: 'cad-canada', customer: 'olivia', currency: 'CAD', placedHoursAgo: 80,
    description: 'Paid in Canadian dollars, shipped from our Montréal warehouse with Canada Post, in transit.',
    lines: [{ sku: 'MAR-NAV-S', quantity: 1 }, { sku: 'ESP-NAT-38', quantity: 1 }],
    parcels: [{ carrier: 'canada-post', stage: 'in-transit', shippedHoursAgo: 50, lastEventHoursAgo: 4, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1016, scenario: 'multi-item-variants', customer: 'emma', currency: 'EUR', placedHoursAgo: 140,
    description: 'Four items in different sizes and colours, delivered 4 days ago: try exchanges (some sizes are sold out).',
    lines: [
      { sku: 'MAR-NAV-M', quantity: 1 }, { sku: 'CHI-OLI-40', quantity: 1 },
      { sku: 'VAR-NAV-S', quantity: 1 }, { sku: 'ESP-NAT-40', quantity: 1 },
    ],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 130, lastEventHoursAgo: 96, lines: [[0, 1], [1, 1], [2, 1], [3, 1]] }],
  },
];
