import { html, isSameOrigin } from '../page-response.server';
import { z } from 'zod';
import { isoTime } from '~/sandbox/seed/build-context.server';
import type { GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import { exchangeShipmentRefusal, isExchangeProcessed, unshippedExchangeLines } from './exchange-shipment.server';
import { holdsOf, type FulfillmentHolds } from './fulfillment-orders.server';
import type { OrderCancellations } from './order-cancel.server';
import { fulfilOrder, fulfilRefusal } from './order-fulfil.server';
import { orderStateRefusal } from './order-cancel-plan.server';
import type { ReturnsStore } from './returns-store.server';
import { toFulfillmentPayload, toOrderPayload } from './webhook-payloads.server';
import type { WebhookHub } from './webhooks.server';

/*
 * `/__sandbox/shopify/admin`: what an agent would do in Shopify's admin, for a person trying the
 * sandbox — approve or decline (with a reason and a note for the shopper) a requested return,
 * close an open one, ship an exchange's new item, mark a parcel delivered, mark an exchange's
 * invoice paid, cancel an unshipped order, fulfil it (refused while it is on hold, as
 * in Shopify's admin) or release its holds. Each action changes the emulator's store exactly as the
 * matching Admin API mutation would, and Shopify's webhook follows.
 */
const PATH = '/__sandbox/shopify/admin';

const esc = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const list = (value: unknown) => (value ?? []) as GqlObject[];

const DECLINE_REASONS = { RETURN_PERIOD_ENDED: 'Return period ended', FINAL_SALE: 'Final sale', OTHER: 'Other' } as const;

const ActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), id: z.string().min(1) }),
  z.object({ action: z.literal('decline'), id: z.string().min(1), reason: z.enum(['RETURN_PERIOD_ENDED', 'FINAL_SALE', 'OTHER']), note: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal('close'), id: z.string().min(1) }),
  z.object({ action: z.literal('deliver'), id: z.string().min(1) }),
  z.object({ action: z.literal('cancel'), id: z.string().min(1) }),
  z.object({ action: z.literal('ship_exchange'), id: z.string().min(1) }),
  z.object({ action: z.literal('pay_invoice'), id: z.string().min(1) }),
  z.object({ action: z.literal('fulfil'), id: z.string().min(1) }),
  z.object({ action: z.literal('release_hold'), id: z.string().min(1) }),
]);

const DONE: Record<string, string> = {
  approve: 'Return approved. Shopify sends returns/approve.', decline: 'Return declined. Shopify sends returns/decline.',
  close: 'Return closed. Shopify sends returns/close.', deliver: 'Parcel marked delivered. Shopify sends fulfillments/update.',
  cancel: 'Order cancelled, refunded and restocked. Shopify sends orders/cancelled and refunds/create.', ship_exchange: 'New item shipped. Shopify sends fulfillments/create.',
  pay_invoice: 'Invoice paid. Shopify sends orders/updated.',
  fulfil: 'Order fulfilled: its parcel is with the carrier. Shopify sends fulfillments/create.',
  release_hold: 'Hold released: the order can be fulfilled. Shopify sends fulfillment_orders/hold_released.',
};

const button = (action: string, id: unknown, label: string) =>
  `<form method="post" action="${PATH}"><input type="hidden" name="action" value="${action}"><input type="hidden" name="id" value="${esc(id)}"><button type="submit">${esc(label)}</button></form>`;

function itemsOf(ret: GqlObject): string {
  return list(ret.returnLineItems).map((rli) => {
    const line = (rli.fulfillmentLineItem as GqlObject).lineItem as GqlObject;
    const note = rli.customerNote ?? rli.returnReasonNote;
    return `<li>${esc(rli.quantity)} × ${esc(line.name)}${note ? ` — <q>${esc(note)}</q>` : ''}</li>`;
  }).join('');
}

const orderOf = (ret: GqlObject) => ret.order as SeedOrder;

function exchangeCard(ret: GqlObject): string {
  const lines = unshippedExchangeLines(ret);
  const items = lines.map((eli) => `<li>${esc(eli.quantity)} × ${esc(eli.title)}${eli.variantTitle && eli.variantTitle !== 'Default Title' ? ` — ${esc(eli.variantTitle)}` : ''}</li>`).join('');
  const label = `Ship the new item${lines.length > 1 ? 's' : ''} for ${String(ret.name)}`;
  // As in Shopify: an app's returnProcess may already have added the items to the order.
  const state = isExchangeProcessed(ret) ? 'Processed, ready to ship.' : 'Not processed yet: shipping processes them.';
  return `<li class="card"><h3>${esc(ret.name)} <small>order ${esc(orderOf(ret).name)}</small></h3><ul>${items}</ul><p>${state}</p>${button('ship_exchange', ret.id, label)}</li>`;
}

function invoiceCard(order: SeedOrder): string {
  const due = (order.totalOutstandingSet as MoneyBag).presentmentMoney;
  return `<li class="card"><h3>${esc(order.name)}</h3><p>Balance due ${esc(due.amount)} ${esc(due.currencyCode)}, invoice sent</p>${button('pay_invoice', order.id, `Mark the invoice for ${order.name} paid`)}</li>`;
}

function requestedCard(ret: GqlObject): string {
  const order = ret.order as SeedOrder;
  const options = Object.entries(DECLINE_REASONS).map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
  const fieldId = `note-${String(ret.id).replace(/\D/g, '')}`;
  return `<li class="card"><h3>${esc(ret.name)} <small>order ${esc(order.name)}</small></h3><ul>${itemsOf(ret)}</ul>
<div class="actions">${button('approve', ret.id, `Approve ${ret.name}`)}
<form method="post" action="${PATH}" class="decline"><input type="hidden" name="action" value="decline"><input type="hidden" name="id" value="${esc(ret.id)}">
<label>Reason <select name="reason">${options}</select></label>
<label for="${fieldId}">Note to the customer (optional)</label><textarea id="${fieldId}" name="note" maxlength="500" rows="2"></textarea>
<button type="submit">Decline ${esc(ret.name)}</button></form></div></li>`;
}

/** An unshipped order: its holds, as Shopify's admin shows them above the Fulfil button, and what staff can do. */
function unshippedCard(order: SeedOrder): string {
  const holds = holdsOf(order);
  const held = holds.length
    ? `<p><strong>On hold</strong></p><ul>${holds.map((hold) => `<li>${esc(hold.displayReason)}${hold.reasonNotes ? ` — ${esc(hold.reasonNotes)}` : ''}</li>`).join('')}</ul>${button('release_hold', order.id, `Release the hold on ${order.name}`)}`
    : '';
  return `<li class="card"><h3>${esc(order.name)}</h3>${held}<div class="actions">${button('fulfil', order.id, `Fulfil ${order.name}`)}${button('cancel', order.id, `Cancel ${order.name}`)}</div></li>`;
}

function page(seed: Seed, store: ReturnsStore, notice: string): string {
  const returns = seed.orders.flatMap((order) => list(order.returns));
  const requested = returns.filter((r) => r.status === 'REQUESTED');
  const open = returns.filter((r) => r.status === 'OPEN');
  const toShip = returns.filter((r) => exchangeShipmentRefusal(r) === null);
  const invoiced = new Set(store.invoices().filter((invoice) => invoice.paidAt === null).map((invoice) => invoice.orderId));
  const unpaid = seed.orders.filter((order) => invoiced.has(order.id) && Number((order.totalOutstandingSet as MoneyBag).presentmentMoney.amount) > 0);
  const parcels = seed.orders.flatMap((order) => list(order.fulfillments).filter((f) => f.displayStatus !== 'DELIVERED').map((f) => ({ order, f })));
  const cancellable = seed.orders.filter((order) => orderStateRefusal(order) === null);
  const section = (title: string, empty: string, items: string[]) =>
    `<section><h2>${title}</h2>${items.length ? `<ul class="cards">${items.join('')}</ul>` : `<p>${empty}</p>`}</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shopify admin – Comptoir sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 60rem; color: #1a1a1a; line-height: 1.4; }
.cards { list-style: none; padding: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
.card { border: 1px solid #c8c8c8; border-radius: .5rem; padding: .75rem; background: #fff; }
.card h3 { margin: 0 0 .25rem; font-size: 1.05rem; } .card ul { padding-left: 1.1rem; margin: .25rem 0 .5rem; }
.actions { display: grid; gap: .5rem; } .decline { display: grid; gap: .3rem; border-top: 1px solid #e2e2e2; padding-top: .5rem; }
button { font: inherit; padding: .35rem .75rem; min-height: 2.5rem; cursor: pointer; } textarea, select { font: inherit; width: 100%; box-sizing: border-box; }
[role=status] { background: #e6f4ea; border: 1px solid #7cb88a; padding: .5rem .75rem; } [role=alert] { background: #fdecea; border: 1px solid #d9534f; padding: .5rem .75rem; }
</style></head>
<body><main>
<h1>Shopify admin (sandbox)</h1>
<p>Act on the demo store as an agent would in Shopify's admin. Shopify then sends its webhook to the portal, which updates the case page and the Gorgias ticket.</p>
${notice}
${section('Return requests to review', 'No return request waits for a decision. Send one from the portal with the reason “Another reason” (for example on order #1005), and it waits here.', requested.map(requestedCard))}
${section('Open returns', 'No open return.', open.map((r) => `<li class="card"><h3>${esc(r.name)} <small>order ${esc((r.order as SeedOrder).name)}</small></h3><ul>${itemsOf(r)}</ul>${button('close', r.id, `Close ${r.name} (items received)`)}</li>`))}
${section('Exchanges to ship', 'No exchange waits for its new item. Exchange an item from the portal (for example on order #1038), and its new item waits here.', toShip.map(exchangeCard))}
${section('Parcels on their way', 'Every parcel is delivered.', parcels.map(({ order, f }) => `<li class="card"><h3>${esc(f.name)} <small>order ${esc(order.name)}</small></h3><p>${esc(String(f.displayStatus).toLowerCase().replaceAll('_', ' '))}</p>${button('deliver', f.id, `Mark ${f.name} delivered`)}</li>`))}
${section('Invoices awaiting payment', 'No invoice waits for payment. An exchange for a dearer item (the Polo Marin on order #1038) sends one.', unpaid.map(invoiceCard))}
${section('Orders not shipped yet', 'No order can be cancelled.', cancellable.map(unshippedCard))}
</main></body></html>
`;
}


export function createAdminPage(deps: { seed: () => Seed; returns: () => ReturnsStore; cancellations: () => OrderCancellations; holds: FulfillmentHolds; hub: WebhookHub; clock: () => Date }) {
  // Above the seed's and the exchanges' ranges: parcels the admin ships never collide with theirs.
  const nextId = createIdSequence({ Fulfillment: 5_230_700_000, FulfillmentLineItem: 11_900_800_000, FulfillmentEvent: 7_310_800_000 });
  function act(input: z.infer<typeof ActionSchema>): string | null {
    const node = deps.seed().nodes.get(input.id);
    const now = isoTime(deps.clock().getTime());
    switch (input.action) {
      case 'approve':
      case 'decline':
      case 'close': {
        const wanted = input.action === 'close' ? 'OPEN' : 'REQUESTED';
        if (node?.__typename !== 'Return' || node.status !== wanted) return `This return is not ${wanted.toLowerCase()} any more.`;
        if (input.action === 'approve') deps.returns().approve(node);
        else if (input.action === 'decline') deps.returns().close(node, 'DECLINED', { reason: input.reason, note: input.note || null });
        else deps.returns().receiveAll(node);
        return null;
      }
      case 'deliver': {
        if (node?.__typename !== 'Fulfillment' || node.displayStatus === 'DELIVERED') return 'This parcel is already delivered.';
        const order = node.order as SeedOrder;
        const last = list(node.events).at(-1);
        node.displayStatus = 'DELIVERED';
        node.deliveredAt = now;
        node.updatedAt = now;
        node.events = [...list(node.events), { ...(last ?? {}), __typename: 'FulfillmentEvent', id: `${String(node.id)}-delivered`, status: 'DELIVERED', happenedAt: now, createdAt: now, message: 'Delivered', estimatedDeliveryAt: null }];
        order.updatedAt = now;
        deps.hub.emit('fulfillments/update', toFulfillmentPayload(node, order));
        return null;
      }
      case 'ship_exchange': {
        if (node?.__typename !== 'Return') return 'This return does not exist.';
        const refusal = exchangeShipmentRefusal(node);
        if (refusal) return refusal;
        deps.hub.emit('fulfillments/create', toFulfillmentPayload(deps.returns().shipExchange(node), orderOf(node)));
        return null;
      }
      case 'pay_invoice': {
        if (node?.__typename !== 'Order') return 'This order does not exist.';
        const paid = deps.returns().payInvoice(node as SeedOrder);
        if (!paid.ok) return paid.message;
        // Shopify sends both; the portal listens to orders/updated.
        for (const topic of ['orders/updated', 'orders/paid']) deps.hub.emit(topic, toOrderPayload(node as SeedOrder));
        return null;
      }
      case 'fulfil': {
        if (node?.__typename !== 'Order') return 'This order does not exist.';
        const order = node as SeedOrder;
        const refusal = fulfilRefusal(order);
        if (refusal) return refusal;
        deps.hub.emit('fulfillments/create', toFulfillmentPayload(fulfilOrder(deps.seed(), order, deps.clock(), nextId), order));
        deps.hub.emit('orders/updated', toOrderPayload(order));
        return null;
      }
      case 'release_hold': {
        if (node?.__typename !== 'Order') return 'This order does not exist.';
        return deps.holds.releaseAll(node as SeedOrder) > 0 ? null : `${String(node.name)} is not on hold.`;
      }
      case 'cancel': {
        if (node?.__typename !== 'Order') return 'This order does not exist.';
        // As Shopify's admin does by default: refund in full to the original payment, restock the items.
        return deps.cancellations().cancelNow({
          orderId: input.id, reason: 'STAFF', restock: true, notifyCustomer: false, refundMethod: { originalPaymentMethodsRefund: true }, staffNote: null,
        });
      }
    }
  }

  return async (request: Request, path: string): Promise<Response | null> => {
    const url = new URL(request.url);
    if (path === PATH && request.method === 'GET') {
      const done = DONE[url.searchParams.get('done') ?? ''];
      return html(page(deps.seed(), deps.returns(), done ? `<p role="status">${esc(done)}</p>` : ''));
    }
    if (path !== PATH || request.method !== 'POST') return null;
    if (!isSameOrigin(request)) return html('<p>Cross-site request refused.</p>', 403);
    const input = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
    const refusal = input.success ? act(input.data) : 'Choose an action, a return, parcel or order, and a decline reason from the list.';
    if (refusal || !input.success) return html(page(deps.seed(), deps.returns(), `<p role="alert">${esc(refusal)}</p>`), 400);
    return new Response(null, { status: 303, headers: { Location: `${PATH}?done=${input.data.action}` } });
  };
}
