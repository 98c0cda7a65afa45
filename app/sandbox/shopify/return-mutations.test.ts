import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator-harness.test-helpers';
import { readOrder, readReasons, readSiblingVariants } from './return-fixtures.test-helpers';

const REQUEST = `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) {
  return { id name status totalQuantity returnLineItems(first: 5) { nodes { quantity customerNote returnReasonDefinition { handle } } } }
  userErrors { field message code } } }`;
const CREATE = `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) {
  return { id status exchangeLineItems(first: 5) { nodes { variantId quantity } } }
  userErrors { field message code } } }`;
const APPROVE = 'mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { id status } userErrors { field code message } } }';
const DECLINE = `mutation($id: ID!) { returnDeclineRequest(input: { id: $id, declineReason: FINAL_SALE, declineNote: "Worn" }) {
  return { id status decline { reason note } } userErrors { field code message } } }`;
const CANCEL = 'mutation($id: ID!) { returnCancel(id: $id) { return { id status } userErrors { field code message } } }';

let shop: RunningEmulator;
let reasons: Awaited<ReturnType<typeof readReasons>>;
const reasonId = (handle: string) => reasons.get(handle)!.id;

beforeAll(async () => {
  shop = await startEmulator();
  reasons = await readReasons(shop);
});
afterAll(() => shop.close());
beforeEach(() => shop.emulator.reset());

async function request(name: string, lines: (returnable: Awaited<ReturnType<typeof readOrder>>) => object[]) {
  const order = await readOrder(shop, name);
  return (await shop.graphql(REQUEST, { input: { orderId: order.id, returnLineItems: lines(order) } })).body;
}

describe('returnRequest', () => {
  it('opens a REQUESTED return and takes its units out of returnable, current quantity and the order status', async () => {
    const before = await readOrder(shop, '#1005');
    const [top] = before.returnable;
    const { data, extensions } = (await shop.graphql(REQUEST, { input: { orderId: before.id, returnLineItems: [
      { fulfillmentLineItemId: top!.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: reasonId('size-too-small'), customerNote: 'Too tight' },
    ] } })).body;
    expect(data?.returnRequest.userErrors).toEqual([]);
    expect(data?.returnRequest.return).toMatchObject({ name: '#1005-R1', status: 'REQUESTED', totalQuantity: 1 });
    expect(data?.returnRequest.return.returnLineItems.nodes).toEqual([{ quantity: 1, customerNote: 'Too tight', returnReasonDefinition: { handle: 'size-too-small' } }]);
    // A mutation costs 10, plus its selection (return 1, connection 2 + 5 × 2, userErrors 1).
    expect(extensions?.cost?.requestedQueryCost).toBe(10 + 1 + 2 + 5 * 2 + 1);

    const after = await readOrder(shop, '#1005');
    expect(after.returnable.map((i) => i.sku)).toEqual(before.returnable.slice(1).map((i) => i.sku));
    expect(after.lines.find((l) => l.id === top!.lineItemId)).toMatchObject({ currentQuantity: 0, refundableQuantity: 1 });
    expect(after.returnStatus).toBe('RETURN_REQUESTED');
    expect(after.returns).toEqual([{ id: data?.returnRequest.return.id, name: '#1005-R1', status: 'REQUESTED' }]);
    const listed = await (await fetch(`${shop.url}/__sandbox/shopify/returns`)).json();
    expect(listed.returns).toEqual([expect.objectContaining({
      orderId: before.id, via: 'returnRequest', status: 'REQUESTED',
      lines: [expect.objectContaining({ fulfillmentLineItemId: top!.fulfillmentLineItemId, quantity: 1, reason: 'size-too-small', customerNote: 'Too tight' })],
      exchangeLines: [],
    })]);
  });

  it('refuses more units than are returnable, counting those already in a return and repeated lines', async () => {
    const tooMany = await request('#1005', (o) => [{ fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 2 }]);
    expect(tooMany.data?.returnRequest).toEqual({ return: null, userErrors: [
      { field: ['input', 'returnLineItems', '0', 'quantity'], code: 'TOO_BIG', message: 'Quantity cannot exceed the returnable quantity of 1.' },
    ] });
    const repeated = await request('#1005', (o) => [0, 1].map(() => ({ fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 1 })));
    expect(repeated.data?.returnRequest.userErrors).toMatchObject([{ field: ['input', 'returnLineItems', '1', 'quantity'], code: 'TOO_BIG' }]);
    // #1011: the smock is already in an open return; #1013: gift cards are never returnable.
    for (const [name, sku] of [['#1011', 'VAR-NAV-M'], ['#1013', 'GC-50']] as const) {
      const body = await request(name, (o) => {
        const line = o.lines.find((l) => l.sku === sku)!;
        return [{ fulfillmentLineItemId: o.fulfillmentLineItems.find((f) => f.lineItem.id === line.id)!.id, quantity: 1 }];
      });
      expect(body.data?.returnRequest.userErrors, name).toMatchObject([{ code: 'TOO_BIG' }]);
    }
  });

  it('checks the line belongs to the order, the quantity, the reason and the note', async () => {
    const other = (await readOrder(shop, '#1012')).returnable[0]!.fulfillmentLineItemId;
    const body = await request('#1005', (o) => [
      { fulfillmentLineItemId: other, quantity: 1 },
      { fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 0 },
      { fulfillmentLineItemId: o.returnable[1]!.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: 'gid://shopify/ReturnReasonDefinition/999', customerNote: 'x'.repeat(301) },
    ]);
    expect(body.data?.returnRequest.return).toBeNull();
    expect(body.data?.returnRequest.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.returnLineItems.0.fulfillmentLineItemId', 'NOT_FOUND'],
      ['input.returnLineItems.1.quantity', 'GREATER_THAN'],
      ['input.returnLineItems.2.returnReasonDefinitionId', 'NOT_FOUND'],
      ['input.returnLineItems.2.customerNote', 'TOO_LONG'],
    ]);
    const retired = await request('#1005', (o) => [{ fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: reasonId('arrived-late') }]);
    expect(retired.data?.returnRequest.userErrors).toMatchObject([{ code: 'INVALID', field: ['input', 'returnLineItems', '0', 'returnReasonDefinitionId'] }]);
    expect((await readOrder(shop, '#1005')).returns).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown order and a top-level error for a malformed id', async () => {
    const missing = await shop.graphql(REQUEST, { input: { orderId: 'gid://shopify/Order/1', returnLineItems: [] } });
    expect(missing.body.data?.returnRequest.userErrors).toMatchObject([{ field: ['input', 'orderId'], code: 'NOT_FOUND' }]);
    const malformed = await shop.graphql(REQUEST, { input: { orderId: 'order-1', returnLineItems: [] } });
    expect(malformed.body.errors?.[0]).toMatchObject({ message: "Invalid global id 'order-1'" });
  });
});

describe('returnCreate', () => {
  it('opens an OPEN return with an exchange and takes the replacement out of stock', async () => {
    const order = await readOrder(shop, '#1016');
    const chinos = order.lines.find((l) => l.sku === 'CHI-OLI-40')!;
    const wanted = (await readSiblingVariants(shop, chinos.variant.id)).get('CHI-OLI-42')!;
    const fli = order.returnable.find((i) => i.sku === 'CHI-OLI-40')!.fulfillmentLineItemId;
    const { data } = (await shop.graphql(CREATE, { input: {
      orderId: order.id,
      returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1, returnReasonDefinitionId: reasonId('size-too-small'), returnReasonNote: 'r'.repeat(255) }],
      exchangeLineItems: [{ variantId: wanted.id, quantity: 1 }],
    } })).body;
    expect(data?.returnCreate).toMatchObject({ userErrors: [], return: { status: 'OPEN', exchangeLineItems: { nodes: [{ variantId: wanted.id, quantity: 1 }] } } });
    const stock = (await readSiblingVariants(shop, chinos.variant.id)).get('CHI-OLI-42')!;
    expect(stock.inventoryQuantity).toBe(wanted.inventoryQuantity - 1);
    expect((await readOrder(shop, '#1016')).returnStatus).toBe('IN_PROGRESS');

    // Cancelling gives the units and the reserved replacement back.
    expect((await shop.graphql(CANCEL, { id: data?.returnCreate.return.id })).body.data?.returnCancel.return.status).toBe('CANCELED');
    expect((await readSiblingVariants(shop, chinos.variant.id)).get('CHI-OLI-42')!.inventoryQuantity).toBe(wanted.inventoryQuantity);
    expect((await readOrder(shop, '#1016')).returnable.some((i) => i.fulfillmentLineItemId === fli)).toBe(true);
  });

  it('refuses sold-out, unknown or over-asked replacements and long reason notes', async () => {
    const order = await readOrder(shop, '#1016');
    const chinos = order.lines.find((l) => l.sku === 'CHI-OLI-40')!;
    const variants = await readSiblingVariants(shop, chinos.variant.id);
    const soldOut = [...variants.values()].find((v) => !v.availableForSale)!;
    const inStock = variants.get('CHI-OLI-42')!;
    const fli = order.returnable[0]!.fulfillmentLineItemId;
    const { data } = (await shop.graphql(CREATE, { input: {
      orderId: order.id,
      returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1, returnReasonNote: 'r'.repeat(256) }],
      exchangeLineItems: [
        { variantId: soldOut.id, quantity: 1 },
        { variantId: 'gid://shopify/ProductVariant/1', quantity: 1 },
        { variantId: inStock.id, quantity: inStock.inventoryQuantity + 1 },
      ],
    } })).body;
    expect(data?.returnCreate.return).toBeNull();
    expect(data?.returnCreate.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['returnInput.returnLineItems.0.returnReasonNote', 'TOO_LONG'],
      ['returnInput.exchangeLineItems.0.variantId', 'INVALID'],
      ['returnInput.exchangeLineItems.1.variantId', 'NOT_FOUND'],
      ['returnInput.exchangeLineItems.2.variantId', 'INVALID'],
    ]);
  });
});

describe('approving, declining and resetting', () => {
  it('approves a requested return once, and declining one makes its units returnable again', async () => {
    const requested = await readOrder(shop, '#1020');
    expect(requested.returnable).toEqual([]);
    const [seeded] = requested.returns;
    expect((await shop.graphql(APPROVE, { id: seeded!.id })).body.data?.returnApproveRequest.return.status).toBe('OPEN');
    expect((await readOrder(shop, '#1020')).returnStatus).toBe('IN_PROGRESS');
    const again = (await shop.graphql(APPROVE, { id: seeded!.id })).body.data?.returnApproveRequest;
    expect(again).toMatchObject({ return: null, userErrors: [{ field: ['input', 'id'], code: 'INVALID_STATE' }] });

    const fresh = await request('#1005', (o) => [{ fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 1 }]);
    const declined = (await shop.graphql(DECLINE, { id: fresh.data?.returnRequest.return.id })).body.data?.returnDeclineRequest;
    expect(declined.return).toMatchObject({ status: 'DECLINED', decline: { reason: 'FINAL_SALE', note: 'Worn' } });
    const after = await readOrder(shop, '#1005');
    expect(after.returnable).toHaveLength(2);
    expect(after.returnStatus).toBe('NO_RETURN');
    expect(after.lines.every((l) => l.currentQuantity === 1)).toBe(true);
  });

  it('restores the seed on POST /__sandbox/shopify/reset', async () => {
    await request('#1005', (o) => [{ fulfillmentLineItemId: o.returnable[0]!.fulfillmentLineItemId, quantity: 1 }]);
    await shop.post('/__sandbox/shopify/reset', {});
    expect((await readOrder(shop, '#1005')).returnable).toHaveLength(2);
    expect((await (await fetch(`${shop.url}/__sandbox/shopify/returns`)).json()).returns).toEqual([]);
  });

  it('slows every GraphQL answer by the latency set through the faults endpoint, until reset', async () => {
    // A latency far above what a loaded CI machine adds on its own, so the second check cannot flake.
    const reply = await shop.post('/__sandbox/shopify/faults', { mode: 'none', latencyMs: 3_000 });
    expect(await reply.json()).toMatchObject({ ok: true, latencyMs: 3_000 });
    const started = performance.now();
    await shop.graphql('{ shop { name } }');
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_995);
    await shop.post('/__sandbox/shopify/reset', {});
    const again = performance.now();
    await shop.graphql('{ shop { name } }');
    expect(performance.now() - again).toBeLessThan(2_000);
  });
});
