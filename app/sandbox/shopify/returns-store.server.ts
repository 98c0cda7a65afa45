import { isoTime } from '~/sandbox/seed/build-context.server';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import { amountOf, centsOf as cents, money, moneyBag } from '~/sandbox/seed/money.server';
import { orderReturnStatus } from '~/sandbox/seed/order-totals.server';
import type { CurrencyCode, GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { processExchangeUnits, shipExchangeItems } from './exchange-shipment.server';
import { adjustStock } from './inventory.server';
import type { ProcessPlan } from './return-process.server';

/** A return line the validator accepted, with the seed objects it refers to. */
export type PlannedReturnLine = {
  fulfillmentLineItem: GqlObject;
  quantity: number;
  reason: GqlObject | null;
  legacyReason: string;
  customerNote: string | null;
  returnReasonNote: string;
};

export type ReturnPlan = {
  order: SeedOrder;
  status: 'REQUESTED' | 'OPEN';
  via: 'returnRequest' | 'returnCreate';
  createdAt: string | null;
  lines: PlannedReturnLine[];
  exchanges: Array<{ variant: GqlObject; quantity: number }>;
};

// Ids above the seed's ranges, so returns made during a run never collide with seeded ones.
const MINTED_ID_BASES = {
  Return: 9_870_900_000, ReturnLineItem: 14_560_900_000, ExchangeLineItem: 2_150_900_000, ReturnableFulfillment: 5_230_900_000,
  ReverseFulfillmentOrder: 3_410_900_000, ReverseFulfillmentOrderLineItem: 7_720_900_000, ReverseDelivery: 1_980_900_000, ReverseDeliveryLineItem: 6_140_900_000,
  ReverseFulfillmentOrderDisposition: 8_330_900_000,
  // An exchange's new items: order lines and the parcel that ships them.
  LineItem: 15_870_900_000, Fulfillment: 5_230_800_000, FulfillmentLineItem: 11_900_900_000, FulfillmentEvent: 7_310_900_000,
};

const ACTIVE = new Set(['REQUESTED', 'OPEN']);
const list = (value: unknown) => (value ?? []) as GqlObject[];


/**
 * What an exchange adds to the order's balance due: the new items' prices less those of the items
 * going back, when positive (a cheaper exchange is a refund, made when the return is processed).
 * In the shop's currency; an order charged in another one is left as it is.
 */
function addExchangeBalance(order: SeedOrder, returned: Array<{ unit: MoneyBag; quantity: number }>, exchanges: Array<{ variant: GqlObject; quantity: number }>): void {
  const outstanding = order.totalOutstandingSet as MoneyBag;
  if (outstanding.shopMoney.currencyCode !== outstanding.presentmentMoney.currencyCode) return;
  const gap = exchanges.reduce((sum, { variant, quantity }) => sum + cents(variant.price) * quantity, 0)
    - returned.reduce((sum, { unit, quantity }) => sum + cents(unit.shopMoney.amount) * quantity, 0);
  if (gap <= 0) return;
  const amount = money(cents(outstanding.shopMoney.amount) + gap);
  order.totalOutstandingSet = { ...outstanding, shopMoney: { ...outstanding.shopMoney, amount }, presentmentMoney: { ...outstanding.presentmentMoney, amount } };
}

function scaleBag(bag: MoneyBag, factor: number): MoneyBag {
  const scale = (m: MoneyBag['shopMoney']) => ({ ...m, amount: (Number(m.amount) * factor).toFixed(2).replace(/(\.\d)0$/, '$1') });
  return { ...bag, shopMoney: scale(bag.shopMoney), presentmentMoney: scale(bag.presentmentMoney) };
}

/**
 * The emulator's writable side of returns for one seed: units still returnable per fulfillment
 * line, returns opened and moved through their statuses, and every derived field Shopify keeps
 * in step (returnable fulfillments, `currentQuantity`, `Order.returnStatus`, stock).
 */
/** Told of every change Shopify sends a webhook for: `returns/request`, `returns/approve`… */
export type ReturnsNotify = (topic: string, ret: GqlObject) => void;

export function createReturnsStore(seed: Seed, clock: () => Date, notify: ReturnsNotify = () => {}) {
  const nextId = createIdSequence(MINTED_ID_BASES);
  // The seed's returnable units already account for its own returns and refunds; we track moves since.
  const seeded = new Map<string, number>();
  const returnableIds = new Map<string, string>();
  for (const fulfillments of seed.returnableFulfillments.values()) {
    for (const rf of fulfillments) {
      returnableIds.set(String((rf.fulfillment as GqlObject).id), String(rf.id));
      for (const item of list(rf.returnableFulfillmentLineItems)) {
        seeded.set(String((item.fulfillmentLineItem as GqlObject).id), Number(item.quantity));
      }
    }
  }
  const moved = new Map<string, number>();
  const made: Array<{ ret: GqlObject; via: ReturnPlan['via'] }> = [];
  const invoices: Array<{ orderId: string; orderName: string; amount: string; currencyCode: string; at: string; paidAt: string | null }> = [];

  const returnableQuantity = (fliId: string) => (seeded.get(fliId) ?? 0) + (moved.get(fliId) ?? 0);

  /** Rebuilds what `returnableFulfillments(orderId:)` answers for this order. */
  function refresh(order: SeedOrder): void {
    const result: GqlObject[] = [];
    for (const fulfillment of list(order.fulfillments)) {
      const items = list(fulfillment.fulfillmentLineItems)
        .map((fli) => ({ __typename: 'ReturnableFulfillmentLineItem', fulfillmentLineItem: fli, quantity: returnableQuantity(String(fli.id)) }))
        .filter((item) => item.quantity > 0);
      if (!items.length) continue;
      const fulfillmentId = String(fulfillment.id);
      const id = returnableIds.get(fulfillmentId) ?? nextId('ReturnableFulfillment');
      returnableIds.set(fulfillmentId, id);
      const rf = { __typename: 'ReturnableFulfillment', id, fulfillment, returnableFulfillmentLineItems: items };
      seed.nodes.set(id, rf);
      result.push(rf);
    }
    seed.returnableFulfillments.set(order.id, result);
    order.returnStatus = orderReturnStatus(list(order.returns).map((r) => r.status));
    order.updatedAt = isoTime(clock().getTime());
  }

  /** Units enter (negative) or leave (positive) returns: returnable and current quantities follow. */
  function moveUnits(ret: GqlObject, sign: 1 | -1): void {
    for (const rli of list(ret.returnLineItems)) {
      const fli = rli.fulfillmentLineItem as GqlObject;
      const key = String(fli.id);
      moved.set(key, (moved.get(key) ?? 0) + sign * Number(rli.quantity));
      const lineItem = fli.lineItem as GqlObject;
      lineItem.currentQuantity = Number(lineItem.currentQuantity) + sign * Number(rli.quantity);
    }
  }

  function releaseExchanges(ret: GqlObject): void {
    for (const eli of list(ret.exchangeLineItems)) {
      const variant = eli.variantId ? seed.nodes.get(String(eli.variantId)) : undefined;
      if (variant) adjustStock(variant, Number(eli.quantity));
    }
  }

  /** Every unit of every return and exchange line processed. */
  const isFullyProcessed = (ret: GqlObject) =>
    [...list(ret.returnLineItems), ...list(ret.exchangeLineItems)].every((line) => Number(line.unprocessedQuantity) === 0);

  function complete(ret: GqlObject): void {
    ret.status = 'CLOSED';
    ret.closedAt = isoTime(clock().getTime());
    refresh(ret.order as SeedOrder);
    notify('returns/close', ret);
  }

  /**
   * `returnProcess` (validated by `return-process.server.ts`): exchange units join the order as
   * line items to ship; returned units are received, disposed of, restocked when the disposition
   * says so. An OPEN return with nothing left unprocessed closes, as Shopify closes it.
   */
  function process(plan: ProcessPlan): void {
    const { ret } = plan;
    const order = ret.order as SeedOrder;
    const now = clock();
    for (const { eli, quantity } of plan.exchangeLines) processExchangeUnits(seed, eli, quantity, order, now, nextId);
    for (const { rli, quantity, dispositions } of plan.returnLines) {
      Object.assign(rli, {
        processedQuantity: Number(rli.processedQuantity) + quantity,
        unprocessedQuantity: Number(rli.unprocessedQuantity) - quantity,
        processableQuantity: Math.max(0, Number(rli.processableQuantity) - quantity),
      });
      for (const { item, quantity: units, type } of dispositions) {
        // Locations are not modelled: the disposition keeps none, and stock is one number per variant.
        const disposition = { __typename: 'ReverseFulfillmentOrderDisposition', id: nextId('ReverseFulfillmentOrderDisposition'), createdAt: isoTime(now.getTime()), quantity: units, type, location: null };
        item.dispositions = [...list(item.dispositions), disposition];
        seed.nodes.set(disposition.id, disposition);
        const variant = ((rli.fulfillmentLineItem as GqlObject).lineItem as GqlObject).variant as GqlObject | null;
        if (type === 'RESTOCKED' && variant) adjustStock(variant, units);
      }
    }
    refresh(order);
    notify('returns/process', ret);
    if (ret.status === 'OPEN' && isFullyProcessed(ret)) complete(ret);
  }

  /** An open return's reverse fulfillment order: what Shopify expects back, line by line. */
  function openReverseOrder(ret: GqlObject): void {
    if (list(ret.reverseFulfillmentOrders).length > 0) return;
    const lineItems = list(ret.returnLineItems).map((rli) => ({
      __typename: 'ReverseFulfillmentOrderLineItem', id: nextId('ReverseFulfillmentOrderLineItem'), totalQuantity: rli.quantity,
      fulfillmentLineItem: rli.fulfillmentLineItem, dispositions: [],
    }));
    const rfo = {
      __typename: 'ReverseFulfillmentOrder', id: nextId('ReverseFulfillmentOrder'), status: 'OPEN', order: ret.order,
      lineItems, reverseDeliveries: [], thirdPartyConfirmation: null,
    };
    ret.reverseFulfillmentOrders = [rfo];
    for (const object of [rfo, ...lineItems]) seed.nodes.set(String(object.id), object as GqlObject);
  }

  return {
    returnableQuantity,

    /** A shipment back of some of a reverse fulfillment order's lines, with its tracking (no label). */
    addReverseDelivery(rfo: GqlObject, lines: { item: GqlObject; quantity: number }[], tracking: { number: string | null; url: string | null }): GqlObject {
      const delivery: GqlObject = {
        __typename: 'ReverseDelivery', id: nextId('ReverseDelivery'), reverseFulfillmentOrder: rfo,
        deliverable: { __typename: 'ReverseDeliveryShippingDeliverable', label: null, tracking: { __typename: 'ReverseDeliveryTrackingV2', carrierName: null, ...tracking } },
        reverseDeliveryLineItems: lines.map(({ item, quantity }) => ({
          __typename: 'ReverseDeliveryLineItem', id: nextId('ReverseDeliveryLineItem'), quantity, reverseFulfillmentOrderLineItem: item, dispositions: [],
        })),
      };
      rfo.reverseDeliveries = [...list(rfo.reverseDeliveries), delivery];
      seed.nodes.set(String(delivery.id), delivery);
      return delivery;
    },

    /** Opens a validated return: REQUESTED (returnRequest) or OPEN (returnCreate). */
    open(plan: ReturnPlan): GqlObject {
      const { order } = plan;
      const now = isoTime(clock().getTime());
      const returns = list(order.returns);
      const returnLineItems = plan.lines.map((line) => {
        const unitPrice = (line.fulfillmentLineItem.lineItem as GqlObject).discountedUnitPriceAfterAllDiscountsSet as MoneyBag;
        const open = plan.status === 'OPEN';
        return {
          __typename: 'ReturnLineItem', id: nextId('ReturnLineItem'), quantity: line.quantity,
          fulfillmentLineItem: line.fulfillmentLineItem, returnReasonDefinition: line.reason, returnReason: line.legacyReason,
          returnReasonNote: line.returnReasonNote, customerNote: line.customerNote,
          processableQuantity: open ? line.quantity : 0, processedQuantity: 0, unprocessedQuantity: line.quantity,
          refundableQuantity: line.quantity, refundedQuantity: 0, restockingFee: null, totalWeight: null,
          withCodeDiscountedTotalPriceSet: scaleBag(unitPrice, line.quantity),
        };
      });
      const exchangeLineItems = plan.exchanges.map(({ variant, quantity }) => {
        const product = variant.product as GqlObject;
        adjustStock(variant, -quantity);
        return {
          __typename: 'ExchangeLineItem', id: nextId('ExchangeLineItem'), quantity, variantId: variant.id, productId: product.id,
          title: product.title, variantTitle: variant.title, variantSku: variant.sku,
          processableQuantity: plan.status === 'OPEN' ? quantity : 0, processedQuantity: 0, unprocessedQuantity: quantity, lineItems: null, lineItem: null,
        };
      });
      const ret: GqlObject = {
        __typename: 'Return', id: nextId('Return'), name: `${order.name}-R${returns.length + 1}`, status: plan.status, order,
        createdAt: plan.createdAt ?? now, requestApprovedAt: plan.status === 'OPEN' ? now : null, closedAt: null, decline: null,
        totalQuantity: returnLineItems.reduce((sum, item) => sum + item.quantity, 0),
        returnLineItems, exchangeLineItems, refunds: [], returnShippingFees: [], reverseFulfillmentOrders: [], staffMember: null,
      };
      order.returns = [...returns, ret];
      for (const object of [ret, ...returnLineItems, ...exchangeLineItems]) seed.nodes.set(String(object.id), object as GqlObject);
      moveUnits(ret, -1);
      if (plan.status === 'OPEN') openReverseOrder(ret);
      if (plan.status === 'OPEN' && plan.exchanges.length > 0) {
        const returned = plan.lines.map((line) => ({ unit: (line.fulfillmentLineItem.lineItem as GqlObject).discountedUnitPriceAfterAllDiscountsSet as MoneyBag, quantity: line.quantity }));
        addExchangeBalance(order, returned, plan.exchanges);
      }
      refresh(order);
      made.push({ ret, via: plan.via });
      if (plan.status === 'REQUESTED') notify('returns/request', ret);
      return ret;
    },

    approve(ret: GqlObject): void {
      ret.status = 'OPEN';
      ret.requestApprovedAt = isoTime(clock().getTime());
      for (const line of [...list(ret.returnLineItems), ...list(ret.exchangeLineItems)]) line.processableQuantity = line.unprocessedQuantity;
      openReverseOrder(ret);
      refresh(ret.order as SeedOrder);
      notify('returns/approve', ret);
    },

    /** Every item processed (received, restocked or refunded): the return is done. */
    complete,

    process,

    /**
     * What staff do in Shopify's admin when the parcel is in: every unit still unprocessed is
     * received and restocked, every exchange unit still held is processed to ship, and the return
     * closes (`returnProcess` on everything left).
     */
    receiveAll(ret: GqlObject): void {
      const reverseItems = list(ret.reverseFulfillmentOrders).flatMap((rfo) => list(rfo.lineItems));
      const returnLines = list(ret.returnLineItems).filter((rli) => Number(rli.unprocessedQuantity) > 0).map((rli) => {
        const quantity = Number(rli.unprocessedQuantity);
        const item = reverseItems.find((candidate) => candidate.fulfillmentLineItem === rli.fulfillmentLineItem);
        return { rli, quantity, dispositions: item ? [{ item, quantity, type: 'RESTOCKED' as const, locationId: null }] : [] };
      });
      const exchangeLines = list(ret.exchangeLineItems).filter((eli) => Number(eli.unprocessedQuantity) > 0).map((eli) => ({ eli, quantity: Number(eli.unprocessedQuantity) }));
      if (returnLines.length || exchangeLines.length) process({ ret, returnLines, exchangeLines });
      if (ret.status === 'OPEN') complete(ret);
    },

    /** Declined or cancelled: the units become returnable again and reserved exchange stock comes back. */
    close(ret: GqlObject, status: 'DECLINED' | 'CANCELED', decline: { reason: string; note: string | null } | null): void {
      const wasActive = ACTIVE.has(String(ret.status));
      ret.status = status;
      ret.decline = decline && { __typename: 'ReturnDecline', ...decline };
      if (wasActive) {
        moveUnits(ret, 1);
        releaseExchanges(ret);
      }
      refresh(ret.order as SeedOrder);
      notify(status === 'DECLINED' ? 'returns/decline' : 'returns/cancel', ret);
    },

    /**
     * `orderInvoiceSend`: emails the customer an invoice for the order's balance due. Shopify's
     * only code is ORDER_INVOICE_SEND_UNSUCCESSFUL; the emulator gives it when nothing is due.
     */
    sendInvoice(order: SeedOrder): { ok: true } | { ok: false; message: string } {
      const due = (order.totalOutstandingSet as MoneyBag).presentmentMoney;
      if (cents(due.amount) <= 0) return { ok: false, message: 'Order has no outstanding balance to invoice.' };
      invoices.push({ orderId: String(order.id), orderName: String(order.name), amount: due.amount, currencyCode: due.currencyCode, at: isoTime(clock().getTime()), paidAt: null });
      return { ok: true };
    },

    /** The customer paid the invoice sent for the order's balance due: nothing is due any more. */
    payInvoice(order: SeedOrder): { ok: true } | { ok: false; message: string } {
      const unpaid = invoices.filter((invoice) => invoice.orderId === order.id && invoice.paidAt === null);
      if (unpaid.length === 0 || cents((order.totalOutstandingSet as MoneyBag).presentmentMoney.amount) <= 0) {
        return { ok: false, message: `${order.name} has no invoice awaiting payment.` };
      }
      const now = isoTime(clock().getTime());
      order.totalOutstandingSet = moneyBag(amountOf(0, order.presentmentCurrencyCode as CurrencyCode));
      order.updatedAt = now;
      for (const invoice of unpaid) invoice.paidAt = now;
      return { ok: true };
    },

    /**
     * Ships an exchange's new items (`exchange-shipment.server.ts`) and returns the parcel; units
     * not processed yet are processed first, as staff do from Shopify's admin. They are returnable
     * at once, like every shipped unit of the seed: Shopify counts fulfilled units, and the
     * portal's policy dates the window from the delivery.
     */
    shipExchange(ret: GqlObject): GqlObject {
      const pending = list(ret.exchangeLineItems).filter((eli) => Number(eli.unprocessedQuantity) > 0);
      if (pending.length > 0) process({ ret, returnLines: [], exchangeLines: pending.map((eli) => ({ eli, quantity: Number(eli.unprocessedQuantity) })) });
      const fulfillment = shipExchangeItems(seed, ret, clock(), nextId);
      for (const fli of list(fulfillment.fulfillmentLineItems)) {
        if ((fli.lineItem as GqlObject).isGiftCard !== true) seeded.set(String(fli.id), Number(fli.quantity));
      }
      refresh(ret.order as SeedOrder);
      return fulfillment;
    },

    /** What `GET /__sandbox/shopify/invoices` shows: the invoices sent, oldest first. */
    invoices: () => [...invoices],

    /** What `GET /__sandbox/shopify/returns` shows: the returns made through mutations, as they stand now. */
    list() {
      return made.map(({ ret, via }) => ({
        id: ret.id, name: ret.name, orderId: (ret.order as SeedOrder).id, orderName: (ret.order as SeedOrder).name,
        via, status: ret.status, createdAt: ret.createdAt, decline: ret.decline ? { reason: (ret.decline as GqlObject).reason, note: (ret.decline as GqlObject).note } : null,
        lines: list(ret.returnLineItems).map((rli) => ({
          fulfillmentLineItemId: (rli.fulfillmentLineItem as GqlObject).id,
          lineItemId: ((rli.fulfillmentLineItem as GqlObject).lineItem as GqlObject).id,
          quantity: rli.quantity,
          reason: (rli.returnReasonDefinition as GqlObject | null)?.handle ?? null,
          customerNote: rli.customerNote,
          returnReasonNote: rli.returnReasonNote,
        })),
        exchangeLines: list(ret.exchangeLineItems).map((eli) => ({ variantId: eli.variantId, sku: eli.variantSku, quantity: eli.quantity, processedQuantity: eli.processedQuantity })),
      }));
    },
  };
}

export type ReturnsStore = ReturnType<typeof createReturnsStore>;
