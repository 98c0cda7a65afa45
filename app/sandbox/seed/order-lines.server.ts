import { legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { amountOf, moneyBag, scaleAmount, type Amount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { CurrencyCode, GqlObject } from './types.server';

const APPAREL_REASONS = ['size-too-small', 'size-too-large', 'not-as-described', 'defective', 'changed-mind'];

const zeroBag = (currency: Amount['currency']) => moneyBag(amountOf(0, currency));

/** Line items as ordered; quantities that depend on later events are filled in by `settleLines`. */
export function buildLines(spec: OrderSpec, ctx: BuildContext): DraftLine[] {
  return spec.lines.map(({ sku, quantity }) => {
    const variant = ctx.catalog.variantsBySku.get(sku);
    if (!variant) throw new Error(`Seed order #${spec.number}: unknown SKU ${sku}`);
    return buildLine(variant, quantity, spec.currency, ctx);
  });
}

/**
 * One order line of `variant` at its price, in the shop's currency and the order's (also how an
 * exchange's new item joins its order).
 */
export function buildLine(variant: GqlObject, quantity: number, currency: CurrencyCode, ctx: Pick<BuildContext, 'nextId' | 'reasons'>): DraftLine {
  const product = variant.product as GqlObject;
  const giftCard = product.isGiftCard === true;
  const unit = amountOf(Math.round(Number(variant.price) * 100), currency);
  const total = scaleAmount(unit, quantity);
  const variantTitle = variant.title === 'Default Title' ? null : String(variant.title);
  const id = ctx.nextId('LineItem');
  const item: GqlObject = {
    __typename: 'LineItem',
    id,
    legacyResourceId: legacyIdOf(id),
    name: variantTitle ? `${String(product.title)} - ${variantTitle}` : String(product.title),
    title: product.title,
    variantTitle,
    sku: variant.sku,
    vendor: product.vendor,
    quantity,
    isGiftCard: giftCard,
    requiresShipping: !giftCard,
    taxable: !giftCard,
    merchantEditable: true,
    image: variant.image,
    variant,
    product,
    originalUnitPriceSet: moneyBag(unit),
    discountedUnitPriceSet: moneyBag(unit),
    discountedUnitPriceAfterAllDiscountsSet: moneyBag(unit),
    originalTotalSet: moneyBag(total),
    discountedTotalSet: moneyBag(total),
    totalDiscountSet: zeroBag(currency),
    customAttributes: [],
    discountAllocations: [],
    duties: [],
    taxLines: [],
    sellingPlan: null,
    contract: null,
    staffMember: null,
    lineItemGroup: null,
    suggestedReturnReasonDefinitions: giftCard
      ? []
      : APPAREL_REASONS.map((handle) => ctx.reasons.get(handle)).filter((r): r is GqlObject => Boolean(r)),
  };
  return { item, unit, quantity, giftCard, fulfilled: 0, refunded: 0, inOpenReturn: 0 };
}

/** Quantities as the Admin API reports them once fulfillments, refunds and returns are known. */
export function settleLines(lines: DraftLine[]): void {
  for (const line of lines) {
    const unfulfilled = Math.max(0, line.quantity - line.fulfilled - line.refunded);
    const current = line.quantity - line.refunded - line.inOpenReturn;
    Object.assign(line.item, {
      currentQuantity: current,
      refundableQuantity: line.quantity - line.refunded,
      unfulfilledQuantity: unfulfilled,
      fulfillableQuantity: unfulfilled,
      nonFulfillableQuantity: 0,
      restockable: line.quantity - line.refunded > 0,
      canRestock: line.quantity - line.refunded > 0,
      fulfillmentStatus: unfulfilled === 0 ? 'fulfilled' : line.fulfilled > 0 ? 'partial' : 'unfulfilled',
      unfulfilledOriginalTotalSet: moneyBag(scaleAmount(line.unit, unfulfilled)),
      unfulfilledDiscountedTotalSet: moneyBag(scaleAmount(line.unit, unfulfilled)),
      priceAfterAllDiscountsBeforeTaxesSet: moneyBag(scaleAmount(line.unit, line.quantity)),
    });
  }
}
