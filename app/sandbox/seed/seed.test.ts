import { describe, expect, it } from 'vitest';
import { createSeed, listDemoOrders } from './seed.server';
import type { GqlObject, MoneyBag } from './types.server';

const seed = createSeed(new Date('2026-11-20T10:00:00Z'));
const list = (value: unknown) => value as GqlObject[];

describe('demo seed', () => {
  it('lists every order it serves, under its own name and email', () => {
    const demo = listDemoOrders();
    expect(demo.map((d) => d.name)).toEqual(seed.orders.map((o) => o.name));
    expect(demo.map((d) => d.email)).toEqual(seed.orders.map((o) => o.email));
  });

  it('keeps every parcel’s events chronological, with a display status from the latest one', () => {
    for (const order of seed.orders) {
      for (const fulfillment of list(order.fulfillments)) {
        const events = list(fulfillment.events);
        const times = events.map((e) => String(e.happenedAt));
        expect(times).toEqual([...times].sort());
        expect(times.every((t) => t >= order.createdAt && t <= '2026-11-20T10:00:00Z')).toBe(true);
        expect(fulfillment.displayStatus).toBe(events.at(-1)?.status ?? 'FULFILLED');
        const tracking = list(fulfillment.trackingInfo)[0];
        if (tracking?.url) expect(String(tracking.url)).toContain(String(tracking.number));
      }
    }
  });

  it('keeps quantities consistent between lines, fulfillments, refunds and returnable units', () => {
    for (const order of seed.orders) {
      const lines = list(order.lineItems);
      for (const line of lines) {
        const shipped = list(order.fulfillments)
          .flatMap((f) => list(f.fulfillmentLineItems))
          .filter((fli) => fli.lineItem === line)
          .reduce((sum, fli) => sum + Number(fli.quantity), 0);
        const refunded = list(order.refunds)
          .flatMap((r) => list(r.refundLineItems))
          .filter((rli) => rli.lineItem === line)
          .reduce((sum, rli) => sum + Number(rli.quantity), 0);
        expect(shipped).toBeLessThanOrEqual(Number(line.quantity));
        expect(line.refundableQuantity).toBe(Number(line.quantity) - refunded);
        expect(Number(line.currentQuantity)).toBeGreaterThanOrEqual(0);
      }
      for (const returnable of seed.returnableFulfillments.get(order.id) ?? []) {
        for (const item of list(returnable.returnableFulfillmentLineItems)) {
          const fli = item.fulfillmentLineItem as GqlObject;
          expect(Number(item.quantity)).toBeGreaterThan(0);
          expect(Number(item.quantity)).toBeLessThanOrEqual(Number(fli.quantity));
          expect((fli.lineItem as GqlObject).isGiftCard).toBe(false);
        }
      }
    }
  });

  it('prices every order in the shop currency and its own presentment currency', () => {
    for (const order of seed.orders) {
      const bags: MoneyBag[] = [order.totalPriceSet, order.currentTotalPriceSet, ...list(order.lineItems).map((l) => l.originalUnitPriceSet as MoneyBag)];
      for (const bag of bags) {
        expect(bag.shopMoney.currencyCode).toBe(order.currencyCode);
        expect(bag.presentmentMoney.currencyCode).toBe(order.presentmentCurrencyCode);
        expect(bag.presentmentMoney.amount).toMatch(/^\d+\.\d{1,2}$/);
      }
    }
  });

  it('has exchange candidates: several sizes in stock and some sold out', () => {
    const variants = seed.products.flatMap((p) => list(p.variants));
    expect(variants.filter((v) => v.availableForSale === false).length).toBeGreaterThanOrEqual(3);
    const finalSale = seed.products.filter((p) => (p.tags as string[]).includes('final-sale'));
    expect(finalSale.length).toBeGreaterThanOrEqual(1);
  });
});
