import type { RunningEmulator } from './emulator-harness.test-helpers';

export type ReturnableItem = { fulfillmentLineItemId: string; lineItemId: string; sku: string; quantity: number };

const ORDER = `query($q: String!) { orders(first: 1, query: $q) { nodes {
  id returnStatus
  lineItems(first: 10) { nodes { id sku currentQuantity refundableQuantity variant { id } } }
  returns(first: 10) { nodes { id name status } }
  fulfillments(first: 5) { fulfillmentLineItems(first: 10) { nodes { id lineItem { id } } } }
} } }`;

const RETURNABLE = `query($id: ID!) { returnableFulfillments(orderId: $id, first: 5) { nodes {
  id returnableFulfillmentLineItems(first: 10) { nodes { quantity fulfillmentLineItem { id lineItem { id sku } } } }
} } }`;

const REASONS = '{ returnReasonDefinitions(first: 20) { nodes { id handle deleted } } }';
const SIBLINGS = `query($id: ID!) { productVariant(id: $id) { product { variants(first: 50) { nodes {
  id sku inventoryQuantity availableForSale
} } } } }`;

/** Reads an order as the return mutations change it: lines, returns, status and returnable units. */
export async function readOrder(shop: RunningEmulator, name: string) {
  const { body } = await shop.graphql(ORDER, { q: `name:${name}` });
  const order = body.data?.orders.nodes[0];
  if (!order) throw new Error(`No demo order ${name}`);
  const returnable = (await shop.graphql(RETURNABLE, { id: order.id })).body.data?.returnableFulfillments.nodes ?? [];
  const items: ReturnableItem[] = returnable.flatMap((rf: any) =>
    rf.returnableFulfillmentLineItems.nodes.map((item: any) => ({
      fulfillmentLineItemId: item.fulfillmentLineItem.id,
      lineItemId: item.fulfillmentLineItem.lineItem.id,
      sku: item.fulfillmentLineItem.lineItem.sku,
      quantity: item.quantity,
    })),
  );
  const fulfillmentLineItems = order.fulfillments.flatMap((f: any) => f.fulfillmentLineItems.nodes) as Array<{ id: string; lineItem: { id: string } }>;
  return {
    id: order.id as string,
    returnStatus: order.returnStatus as string,
    lines: order.lineItems.nodes as Array<{ id: string; sku: string; currentQuantity: number; refundableQuantity: number; variant: { id: string } }>,
    returns: order.returns.nodes as Array<{ id: string; name: string; status: string }>,
    fulfillmentLineItems,
    returnable: items,
  };
}

/** The shop's reason library by handle. */
export async function readReasons(shop: RunningEmulator) {
  const nodes = (await shop.graphql(REASONS)).body.data?.returnReasonDefinitions.nodes as Array<{ id: string; handle: string; deleted: boolean }>;
  return new Map(nodes.map((r) => [r.handle, r]));
}

export type VariantStock = { id: string; sku: string; inventoryQuantity: number; availableForSale: boolean };

/** Every variant of the product behind `variantId`, by SKU: where exchanges pick their replacement. */
export async function readSiblingVariants(shop: RunningEmulator, variantId: string): Promise<Map<string, VariantStock>> {
  const nodes = (await shop.graphql(SIBLINGS, { id: variantId })).body.data?.productVariant.product.variants.nodes as VariantStock[];
  return new Map(nodes.map((v) => [v.sku, v]));
}
