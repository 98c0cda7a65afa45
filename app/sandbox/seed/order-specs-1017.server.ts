import { CANADA_WEST_HUBS } from './carriers.server';
import type { OrderSpec } from './order-spec.server';

/** Demo orders #1017–#1033. Times are hours before the seed's clock. */
export const ORDER_SPECS_1017: OrderSpec[] = [
  {
    number: 1017, scenario: 'usd-united-states', customer: 'noah', currency: 'USD', placedHoursAgo: 200,
    description: 'Paid in US dollars, shipped from our New Jersey warehouse with USPS and delivered 6 days ago.',
    lines: [{ sku: 'VAR-OCH-L', quantity: 1 }, { sku: 'CHA-NAV-41-45', quantity: 1 }],
    parcels: [{ carrier: 'usps', stage: 'delivered', shippedHoursAgo: 190, lastEventHoursAgo: 140, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1018, scenario: 'international-europe', customer: 'lina', currency: 'EUR', placedHoursAgo: 60, shipping: 1490,
    description: 'DHL Express parcel to Brussels (Belgium), in transit through the Paris-CDG and Brussels hubs.',
    lines: [{ sku: 'TRE-BEI-S', quantity: 1 }],
    parcels: [{ carrier: 'dhl-express', stage: 'in-transit', shippedHoursAgo: 40, lastEventHoursAgo: 6, etaHoursFromNow: 20, lines: [[0, 1]] }],
  },
  {
    number: 1019, scenario: 'international-europe', customer: 'jules', currency: 'EUR', placedHoursAgo: 260, shipping: 1290,
    description: 'Shipped to Berlin (Germany) with UPS and delivered 8 days ago.',
    lines: [{ sku: 'CHI-OLI-44', quantity: 1 }, { sku: 'MAR-NAV-L', quantity: 1 }],
    parcels: [{ carrier: 'ups', stage: 'delivered', shippedHoursAgo: 250, lastEventHoursAgo: 200, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1020, scenario: 'return-requested', customer: 'lucas', currency: 'EUR', placedHoursAgo: 260,
    description: 'Delivered 9 days ago; a return was requested yesterday and awaits the shop’s approval.',
    lines: [{ sku: 'ESP-NAT-42', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 250, lastEventHoursAgo: 210, lines: [[0, 1]] }],
    returns: [{ status: 'REQUESTED', hoursAgo: 20, lines: [{ parcel: 0, line: 0, quantity: 1, reason: 'size-too-large' }] }],
  },
  {
    number: 1021, scenario: 'exchange-in-progress', customer: 'sarah', currency: 'EUR', placedHoursAgo: 280,
    description: 'An exchange is under way: the chinos go back for a larger size (44), the top stays.',
    lines: [{ sku: 'MAR-RED-M', quantity: 1 }, { sku: 'CHI-SAN-40', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 270, lastEventHoursAgo: 230, lines: [[0, 1], [1, 1]] }],
    returns: [{
      status: 'OPEN', hoursAgo: 30, lines: [{ parcel: 0, line: 1, quantity: 1, reason: 'size-too-small' }],
      exchanges: [{ sku: 'CHI-SAN-44', quantity: 1 }],
    }],
  },
  {
    number: 1022, scenario: 'returned-and-refunded', customer: 'adam', currency: 'EUR', placedHoursAgo: 600,
    description: 'Returned and refunded about two weeks ago (shipping costs not refunded); nothing left to do.',
    lines: [{ sku: 'VAR-OCH-S', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 590, lastEventHoursAgo: 540, lines: [[0, 1]] }],
    returns: [{ status: 'CLOSED', hoursAgo: 400, lines: [{ parcel: 0, line: 0, quantity: 1, reason: 'changed-mind' }] }],
    refunds: [{ hoursAgo: 340, note: 'Return received and inspected', lines: [[0, 1]], forReturn: 0 }],
  },
  {
    number: 1023, scenario: 'delayed', customer: 'alice', currency: 'EUR', placedHoursAgo: 110, shipping: 0,
    description: 'Colissimo reported a delay; the new delivery estimate is in two days.',
    lines: [{ sku: 'PUL-BDX-L', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delayed', shippedHoursAgo: 90, lastEventHoursAgo: 10, etaHoursFromNow: 50, lines: [[0, 1]] }],
  },
  {
    number: 1024, scenario: 'label-created', customer: 'paul', currency: 'EUR', placedHoursAgo: 20, shipping: 1290,
    description: 'Label created this morning; Chronopost has not picked the parcel up yet.',
    lines: [{ sku: 'CHI-SAN-46', quantity: 1 }, { sku: 'CHA-NAV-41-45', quantity: 1 }],
    parcels: [{ carrier: 'chronopost', stage: 'label', shippedHoursAgo: 6, etaHoursFromNow: 40, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1025, scenario: 'two-parcels-delivered', customer: 'camille', currency: 'EUR', placedHoursAgo: 400,
    description: 'Shipped in two parcels (Chronopost and Colissimo), both delivered about two weeks ago.',
    lines: [{ sku: 'TRE-BEI-M', quantity: 1 }, { sku: 'BER-BDX', quantity: 1 }, { sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [
      { carrier: 'chronopost', stage: 'delivered', shippedHoursAgo: 380, lastEventHoursAgo: 330, lines: [[0, 1]] },
      { carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 370, lastEventHoursAgo: 300, lines: [[1, 1], [2, 1]] },
    ],
  },
  {
    number: 1026, scenario: 'unfulfilled', customer: 'nathan', currency: 'EUR', placedHoursAgo: 50,
    description: 'Placed two days ago with gift wrapping, not shipped yet.',
    lines: [{ sku: 'PUL-GRY-S', quantity: 1 }, { sku: 'TOT-ECR', quantity: 2 }],
    tags: ['gift-wrap'],
    note: 'Gift wrapping please, it is a birthday present.',
  },
  {
    number: 1027, scenario: 'delivered-recently', customer: 'chloe', currency: 'EUR', placedHoursAgo: 60,
    description: 'Delivered yesterday by Colissimo.',
    lines: [{ sku: 'MAR-RED-XS', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 50, lastEventHoursAgo: 20, lines: [[0, 1]] }],
  },
  {
    number: 1028, scenario: 'delivery-failed', customer: 'tom', currency: 'EUR', placedHoursAgo: 720,
    description: 'Delivery failed: the parcel was never collected from the post office and is going back to the shop.',
    lines: [{ sku: 'VAR-NAV-XL', quantity: 1 }],
    parcels: [{ carrier: 'la-poste', stage: 'failed', shippedHoursAgo: 700, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1029, scenario: 'cad-canada', customer: 'eva', currency: 'CAD', placedHoursAgo: 260,
    description: 'Paid in Canadian dollars, carried across Canada by Canada Post and delivered in Vancouver 8 days ago.',
    lines: [{ sku: 'PUL-GRY-M', quantity: 1 }, { sku: 'BER-BLK', quantity: 1 }],
    parcels: [{
      carrier: 'canada-post', stage: 'delivered', shippedHoursAgo: 250, lastEventHoursAgo: 190, lines: [[0, 1], [1, 1]],
      extraHubs: CANADA_WEST_HUBS,
    }],
  },
  {
    number: 1030, scenario: 'in-transit', customer: 'mathis', currency: 'EUR', placedHoursAgo: 30, shipping: 1290,
    description: 'Chronopost express parcel in transit, due tomorrow.',
    lines: [{ sku: 'ESP-NAT-43', quantity: 1 }, { sku: 'CHI-OLI-46', quantity: 1 }],
    parcels: [{ carrier: 'chronopost', stage: 'in-transit', shippedHoursAgo: 20, lastEventHoursAgo: 2, etaHoursFromNow: 22, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1031, scenario: 'eur-france', customer: 'julie', currency: 'EUR', placedHoursAgo: 90,
    description: 'Paid in euros, shipped to Ajaccio (Corsica) by Colissimo via Marseille, in transit.',
    lines: [{ sku: 'MAR-RED-M', quantity: 1 }],
    parcels: [{
      carrier: 'colissimo', stage: 'in-transit', shippedHoursAgo: 70, lastEventHoursAgo: 8, etaHoursFromNow: 48, lines: [[0, 1]],
      extraHubs: [{ city: 'Marseille', province: null, country: 'France', zip: '13015' }],
    }],
  },
  {
    number: 1032, scenario: 'final-sale', customer: 'leo', currency: 'EUR', placedHoursAgo: 70,
    description: 'An outlet linen dress (final sale) and socks, on their way with Colissimo.',
    lines: [{ sku: 'ROB-SAG-M', quantity: 1 }, { sku: 'CHA-NAV-36-40', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'in-transit', shippedHoursAgo: 48, lastEventHoursAgo: 5, lines: [[0, 1], [1, 1]] }],
  },
  {
    number: 1033, scenario: 'running-late', customer: 'hugo', currency: 'EUR', placedHoursAgo: 150,
    description: 'In transit with La Poste, due two days ago and still not delivered; the carrier has given no new date.',
    lines: [{ sku: 'PUL-BDX-M', quantity: 1 }],
    parcels: [{ carrier: 'la-poste', stage: 'in-transit', shippedHoursAgo: 130, lastEventHoursAgo: 70, etaHoursFromNow: -48, lines: [[0, 1]] }],
  },
  // Three more recent deliveries, one per way a return can travel back (Loop, AfterShip, the store's own).
  {
    number: 1034, scenario: 'delivered-recently', customer: 'ines', currency: 'EUR', placedHoursAgo: 110,
    description: 'Delivered 2 days ago by Colissimo: say it arrived damaged to get a prepaid label from Loop Returns.',
    lines: [{ sku: 'PUL-GRY-L', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 90, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1035, scenario: 'delivered-recently', customer: 'arthur', currency: 'EUR', placedHoursAgo: 120,
    description: 'Delivered 3 days ago by Colissimo: say it is the wrong item to get a prepaid label from AfterShip Returns.',
    lines: [{ sku: 'CHI-SAN-40', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 100, lastEventHoursAgo: 72, lines: [[0, 1]] }],
  },
  {
    number: 1036, scenario: 'delivered-recently', customer: 'raphael', currency: 'EUR', placedHoursAgo: 100,
    description: 'Delivered yesterday by Colissimo: a size return goes back with the carrier of your choice.',
    lines: [{ sku: 'MAR-NAV-L', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 24, lines: [[0, 1]] }],
  },
  {
    number: 1037, scenario: 'delivered-recently', customer: 'emma', currency: 'EUR', placedHoursAgo: 90,
    description: 'A €12 bandana, delivered 2 days ago: a return refunds it and you keep it, nothing to send back.',
    lines: [{ sku: 'BAN-NAV', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 70, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1038, scenario: 'ready-to-exchange', customer: 'manon', currency: 'EUR', placedHoursAgo: 100,
    description: 'A Marinière M / Navy delivered 2 days ago: exchange it for another size (XS sold out, XL down to its last unit) or for the Polo Marin (€4 to pay).',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1039, scenario: 'ready-to-exchange', customer: 'louis', currency: 'EUR', placedHoursAgo: 100,
    description: 'A Marinière M / Navy delivered 2 days ago: exchange it for another size (XS sold out, XL down to its last unit) or for the Polo Marin (€4 to pay).',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1040, scenario: 'ready-to-exchange', customer: 'gabriel', currency: 'EUR', placedHoursAgo: 100,
    description: 'A Marinière M / Navy delivered 2 days ago: exchange it for another size (XS sold out, XL down to its last unit) or for the Polo Marin (€4 to pay).',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1041, scenario: 'ready-to-exchange', customer: 'alice', currency: 'EUR', placedHoursAgo: 100,
    description: 'A Marinière M / Navy delivered 2 days ago: exchange it for another size (XS sold out, XL down to its last unit) or for the Polo Marin (€4 to pay).',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1042, scenario: 'ready-to-exchange', customer: 'nathan', currency: 'EUR', placedHoursAgo: 100,
    description: 'A Marinière M / Navy delivered 2 days ago: exchange it for another size (XS sold out, XL down to its last unit) or for the Polo Marin (€4 to pay).',
    lines: [{ sku: 'MAR-NAV-M', quantity: 1 }],
    parcels: [{ carrier: 'colissimo', stage: 'delivered', shippedHoursAgo: 80, lastEventHoursAgo: 48, lines: [[0, 1]] }],
  },
  {
    number: 1043, scenario: 'ready-to-cancel', customer: 'sarah', currency: 'EUR', placedHoursAgo: 2,
    description: 'Placed two hours ago, nothing shipped: can still be cancelled at once, or its delivery address changed.',
    lines: [{ sku: 'MAR-NAV-L', quantity: 1 }, { sku: 'TOT-ECR', quantity: 1 }],
  },
  {
    number: 1044, scenario: 'ready-to-cancel', customer: 'adam', currency: 'EUR', placedHoursAgo: 3,
    description: 'Placed three hours ago, nothing shipped: can still be cancelled at once, or its delivery address changed.',
    lines: [{ sku: 'CHI-SAN-40', quantity: 1 }],
  },
  {
    number: 1045, scenario: 'ready-to-cancel', customer: 'paul', currency: 'EUR', placedHoursAgo: 1,
    description: 'Placed an hour ago, nothing shipped: can still be cancelled at once, or its delivery address changed.',
    lines: [{ sku: 'ESP-NAT-40', quantity: 1 }],
  },
  {
    number: 1046, scenario: 'ready-to-cancel', customer: 'mathis', currency: 'EUR', placedHoursAgo: 4,
    description: 'Placed four hours ago, nothing shipped: can still be cancelled at once, or its delivery address changed.',
    lines: [{ sku: 'MAR-RED-M', quantity: 2 }],
  },
  {
    number: 1047, scenario: 'cancel-for-review', customer: 'julie', currency: 'EUR', placedHoursAgo: 5,
    description: 'Two trench coats placed five hours ago, nothing shipped: above €300, so a cancellation is a request the team checks.',
    lines: [{ sku: 'TRE-BEI-M', quantity: 2 }],
  },
];
