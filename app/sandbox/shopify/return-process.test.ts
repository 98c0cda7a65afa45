import { beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';
import { readOrder, readReasons, readSiblingVariants } from './return-fixtures.test-helpers';

/*
 * returnProcess as an app calls it after returnCreate: exchange units join the original order to
 * be shipped, returned units are received with their dispositions, and the return closes once
 * nothing is left unprocessed. Webhooks are read where Shopify sends them.
 */

const CREATE = `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) {
  return { id returnLineItems(first: 5) { nodes { id } } exchangeLineItems(first: 5) { nodes { id } } }
  userErrors { code message } } }`;
const REQUEST = 'mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { code } } }';
const PROCESS = `mutation($input: ReturnProcessInput!) { returnProcess(input: $input) {
  return { id status closedAt exchangeLineItems(first: 10) { nodes { id processableQuantity processedQuantity unprocessedQuantity lineItems { id } lineItem { id } } } }
  userErrors { field message code } } }`;
const RETURN = `query($id: ID!) { return(id: $id) { status
  returnLineItems(first: 5) { nodes { processableQuantity processedQuantity unprocessedQuantity } }
  reverseFulfillmentOrders(first: 1) { nodes { lineItems(first: 5) { nodes { id dispositions { type quantity } } } } } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { displayFulfillmentStatus currentSubtotalLineItemsQuantity
  lineItems(first: 20) { nodes { id sku quantity currentQuantity unfulfilledQuantity } } } }`;
const CANCEL = 'mutation($id: ID!) { returnCancel(id: $id) { return { id } userErrors { field code } } }';

let shop: RunningEmulator;
let hooks: WebhookReceiver;
let reasons: Awaited<ReturnType<typeof readReasons>>;

useEmulatorWithWebhooks({ webhookRetryDelaysMs: [10] }, ['RETURNS_PROCESS', 'RETURNS_CLOSE'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});
beforeAll(async () => {
  reasons = await readReasons(shop);
});

/** #1016's olive chinos (40) back for a 42, as the portal opens an exchange. */
async function openExchange() {
  const order = await readOrder(shop, '#1016');
  const chinos = order.lines.find((l) => l.sku === 'CHI-OLI-40')!;
  const variants = await readSiblingVariants(shop, chinos.variant.id);
  const { data } = (await shop.graphql(CREATE, { input: {
    orderId: order.id,
    returnLineItems: [{ fulfillmentLineItemId: order.returnable.find((i) => i.sku === 'CHI-OLI-40')!.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: reasons.get('size-too-small')!.id }],
    exchangeLineItems: [{ variantId: variants.get('CHI-OLI-42')!.id, quantity: 1 }],
  } })).body;
  expect(data?.returnCreate.userErrors).toEqual([]);
  const ret = data?.returnCreate.return;
  return { orderId: order.id, chinos, returnId: ret.id as string, returnLineId: ret.returnLineItems.nodes[0].id as string, exchangeLineId: ret.exchangeLineItems.nodes[0].id as string };
}

const processReturn = async (input: Record<string, unknown>) => (await shop.graphql(PROCESS, { input })).body;
const errorsOf = (body: Awaited<ReturnType<typeof processReturn>>) =>
  body.data?.returnProcess.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code]);

const hooksOf = (topic: string) => hooks.of(topic);

describe('returnProcess on exchange lines', () => {
  it('adds the new item to the original order, unfulfilled, and moves the units to processed', async () => {
    const { orderId, returnId, exchangeLineId } = await openExchange();
    const before = (await shop.graphql(ORDER, { id: orderId })).body.data?.order;
    const body = await processReturn({ returnId, returnLineItems: [], exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }], notifyCustomer: false });
    expect(body.data?.returnProcess.userErrors).toEqual([]);
    // A mutation costs 10, plus its selection (return 1, connection 2 + 10 × (1 + lineItems 1 + lineItem 1), userErrors 1).
    expect(body.extensions?.cost?.requestedQueryCost).toBe(10 + 1 + 2 + 10 * 3 + 1);
    const ret = body.data?.returnProcess.return;
    const [eli] = ret.exchangeLineItems.nodes;
    expect(ret).toMatchObject({ id: returnId, status: 'OPEN', closedAt: null });
    expect(eli).toEqual({ id: exchangeLineId, processableQuantity: 0, processedQuantity: 1, unprocessedQuantity: 0, lineItems: [{ id: expect.stringMatching(/^gid:\/\/shopify\/LineItem\/\d+$/) }], lineItem: eli.lineItems[0] });

    const order = (await shop.graphql(ORDER, { id: orderId })).body.data?.order;
    expect(order.lineItems.nodes).toHaveLength(before.lineItems.nodes.length + 1);
    expect(order.lineItems.nodes.at(-1)).toEqual({ id: eli.lineItems[0].id, sku: 'CHI-OLI-42', quantity: 1, currentQuantity: 1, unfulfilledQuantity: 1 });
    expect(order).toMatchObject({ displayFulfillmentStatus: 'PARTIALLY_FULFILLED', currentSubtotalLineItemsQuantity: before.currentSubtotalLineItemsQuantity + 1 });
    const listed = (await (await fetch(`${shop.url}/__sandbox/shopify/returns`)).json()).returns;
    expect(listed[0].exchangeLines).toEqual([{ variantId: expect.any(String), sku: 'CHI-OLI-42', quantity: 1, processedQuantity: 1 }]);
    expect(await hooksOf('returns/process')).toHaveLength(1);

    // Nothing is left to process, and a processed return can no longer be cancelled.
    expect(errorsOf(await processReturn({ returnId, exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }] }))).toEqual([['input.exchangeLineItems.0.quantity', 'TOO_BIG']]);
    expect((await shop.graphql(CANCEL, { id: returnId })).body.data?.returnCancel).toEqual({ return: null, userErrors: [{ field: ['id'], code: 'INVALID_STATE' }] });
    expect((await shop.graphql(ORDER, { id: orderId })).body.data?.order.lineItems.nodes).toHaveLength(before.lineItems.nodes.length + 1);
  });

  it('answers NOT_FOUND, GREATER_THAN and TOO_BIG with the input path, and changes nothing', async () => {
    const { returnId, returnLineId, exchangeLineId } = await openExchange();
    const missing = await processReturn({ returnId: 'gid://shopify/Return/1', exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }] });
    expect(missing.data?.returnProcess).toEqual({ return: null, userErrors: [{ field: ['input', 'returnId'], code: 'NOT_FOUND', message: 'Return does not exist.' }] });
    const wrong = await processReturn({ returnId, returnLineItems: [
      { id: 'gid://shopify/ReturnLineItem/1', quantity: 1 },
      { id: returnLineId, quantity: 1, dispositions: [{ reverseFulfillmentOrderLineItemId: 'gid://shopify/ReverseFulfillmentOrderLineItem/1', quantity: 1, dispositionType: 'RESTOCKED' }] },
    ], exchangeLineItems: [
      { id: 'gid://shopify/ExchangeLineItem/1', quantity: 1 }, { id: exchangeLineId, quantity: 0 }, { id: exchangeLineId, quantity: 2 },
    ] });
    expect(errorsOf(wrong)).toEqual([
      ['input.returnLineItems.0.id', 'NOT_FOUND'],
      ['input.returnLineItems.1.dispositions.0.reverseFulfillmentOrderLineItemId', 'NOT_FOUND'],
      ['input.exchangeLineItems.0.id', 'NOT_FOUND'],
      ['input.exchangeLineItems.1.quantity', 'GREATER_THAN'],
      ['input.exchangeLineItems.2.quantity', 'TOO_BIG'],
    ]);
    expect(errorsOf(await processReturn({ returnId, returnLineItems: [] }))).toEqual([['input.returnLineItems', 'BLANK']]);
    const ret = (await shop.graphql(RETURN, { id: returnId })).body.data?.return;
    expect(ret.returnLineItems.nodes).toEqual([{ processableQuantity: 1, processedQuantity: 0, unprocessedQuantity: 1 }]);
    expect((await readOrder(shop, '#1016')).lines.some((l) => l.sku === 'CHI-OLI-42')).toBe(false);
  });

  it('refuses a return that is not OPEN with INVALID_STATE, and refunds the emulator does not model with a top-level error', async () => {
    const order = await readOrder(shop, '#1005');
    const requested = (await shop.graphql(REQUEST, { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: order.returnable[0]!.fulfillmentLineItemId, quantity: 1 }] } })).body;
    const returnId = requested.data?.returnRequest.return.id;
    const body = await processReturn({ returnId, returnLineItems: [{ id: 'gid://shopify/ReturnLineItem/1', quantity: 1 }] });
    expect(body.data?.returnProcess.userErrors).toEqual([{ field: ['input', 'returnId'], code: 'INVALID_STATE', message: 'Return is not processable. Only returns with status OPEN can be processed.' }]);

    const { returnId: open, exchangeLineId } = await openExchange();
    const refund = await processReturn({ returnId: open, exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }], financialTransfer: { issueRefund: { orderTransactions: [] } } });
    expect(refund.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } });
    expect(await hooksOf('returns/process')).toEqual([]);
  });
});

describe('returnProcess on return lines', () => {
  it('receives the returned unit with its disposition, restocks it, and closes the return once everything is processed', async () => {
    const { returnId, returnLineId, exchangeLineId, chinos } = await openExchange();
    const stock = (await readSiblingVariants(shop, chinos.variant.id)).get('CHI-OLI-40')!.inventoryQuantity;
    const rfoLine = (await shop.graphql(RETURN, { id: returnId })).body.data?.return.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0];
    const receipt = await processReturn({ returnId, returnLineItems: [
      { id: returnLineId, quantity: 1, dispositions: [{ reverseFulfillmentOrderLineItemId: rfoLine.id, quantity: 1, dispositionType: 'RESTOCKED', locationId: 'gid://shopify/Location/1' }] },
    ] });
    expect(receipt.data?.returnProcess.return).toMatchObject({ status: 'OPEN', closedAt: null });
    const ret = (await shop.graphql(RETURN, { id: returnId })).body.data?.return;
    expect(ret.returnLineItems.nodes).toEqual([{ processableQuantity: 0, processedQuantity: 1, unprocessedQuantity: 0 }]);
    expect(ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].dispositions).toEqual([{ type: 'RESTOCKED', quantity: 1 }]);
    expect((await readSiblingVariants(shop, chinos.variant.id)).get('CHI-OLI-40')!.inventoryQuantity).toBe(stock + 1);
    expect(await hooksOf('returns/close')).toEqual([]);

    // The exchange was the last thing unprocessed.
    const closed = await processReturn({ returnId, exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }] });
    expect(closed.data?.returnProcess.return).toMatchObject({ status: 'CLOSED', closedAt: expect.stringMatching(/Z$/) });
    expect(await hooksOf('returns/process')).toHaveLength(2);
    expect(await hooksOf('returns/close')).toEqual([expect.objectContaining({ admin_graphql_api_id: returnId, status: 'closed' })]);
    expect(errorsOf(await processReturn({ returnId, exchangeLineItems: [{ id: exchangeLineId, quantity: 1 }] }))).toEqual([['input.returnId', 'INVALID_STATE']]);
  });
});
