import { randomUUID } from 'node:crypto';

/*
 * The emulator's data: the shop's orders as Loop syncs them from Shopify, draft returns, returns
 * with their label, notes and refunds. Plain objects in memory, rebuilt by `reset()`.
 */

export type LoopOrderLine = { loopLineItemId: string; providerLineItemId: string; title: string; sku: string | null; quantity: number; price: string };
export type LoopOrder = {
  name: string; providerOrderId: string; email: string; zip: string | null; currency: string;
  customer: { firstName: string; lastName: string };
  address: { name: string; address1: string; address2: string | null; city: string; zip: string; countryCode: string; phone: string | null };
  lines: LoopOrderLine[];
};

export type ReturnState = 'open' | 'closed' | 'cancelled' | 'expired' | 'review';
export type LabelStatus = 'new' | 'pre_transit' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'failure';

export type EmulatedReturn = {
  id: number; state: ReturnState; order: LoopOrder; createdAt: string; updatedAt: string; uuid: string;
  lines: Array<{ line: LoopOrderLine; reason: { id: string; name: string }; quantity: number; comment: string | null }>;
  label: { status: LabelStatus; carrier: string; trackingNumber: string; updatedAt: string; token: string };
  refunds: Array<{ amount: string; currency: string; gateway: string; providerRefundId: number }>;
  notes: Array<{ id: number; content: string; createdAt: string }>;
};

export type DraftReturnRecord = {
  id: number; state: 'created' | 'items_finalized' | 'submitted'; order: LoopOrder; returnId: number | null;
  items: Array<{ loopLineItemId: string; reasonId: string; quantity: number; comment: string | null }>;
};

/** The demo shop's return reasons (Loop Admin → Return reasons). */
export const RETURN_REASONS = [
  { id: '101', name: 'Too small' }, { id: '102', name: 'Too large' }, { id: '103', name: 'Damaged or defective' },
  { id: '104', name: 'Not as described' }, { id: '105', name: 'Changed my mind' }, { id: '106', name: 'Other' },
];

/** Where the demo shop's returns go (its Loop destination). */
export const DESTINATION = {
  name: 'Comptoir Demo — Returns', company: 'Comptoir Demo', address1: '12 rue des Entrepôts', address2: null,
  city: 'Lyon', state: null, zip: '69007', country_code: 'FR',
};

export function createLoopStore(orders: LoopOrder[]) {
  const returns: EmulatedReturn[] = [];
  const drafts: DraftReturnRecord[] = [];
  const links = new Map<string, LoopOrder>();
  let nextReturnId = 48_210_001;
  let nextDraftId = 301;
  let nextNoteId = 9_001;
  let nextRefundId = 5_100_001;

  const findOrder = (name: string) => orders.find((order) => order.name.replace(/^#/, '') === name.trim().replace(/^#/, '')) ?? null;

  return {
    orders,
    returns,
    drafts,
    findOrder,
    /** Loop finds an order by its name and the shop's second input: zip, email or phone. */
    matchOrder(name: string, secondary: string): LoopOrder | null {
      const order = findOrder(name);
      const given = secondary.trim().toLowerCase().replace(/\s+/g, '');
      if (!order) return null;
      return [order.zip, order.email].some((value) => value && value.toLowerCase().replace(/\s+/g, '') === given) ? order : null;
    },
    createDraft(order: LoopOrder): DraftReturnRecord {
      const draft: DraftReturnRecord = { id: nextDraftId++, state: 'created', order, returnId: null, items: [] };
      drafts.push(draft);
      return draft;
    },
    /** Units of a line already in a return that is not cancelled: those cannot go back twice. */
    unitsReturned(line: LoopOrderLine): number {
      return returns.filter((r) => r.state !== 'cancelled' && r.state !== 'expired')
        .flatMap((r) => r.lines).filter((item) => item.line === line).reduce((sum, item) => sum + item.quantity, 0);
    },
    createReturn(draft: DraftReturnRecord, now: Date): EmulatedReturn {
      const at = now.toISOString();
      const id = nextReturnId++;
      const created: EmulatedReturn = {
        id, state: 'open', order: draft.order, createdAt: at, updatedAt: at, uuid: randomUUID(),
        lines: draft.items.map((item) => ({
          line: draft.order.lines.find((line) => line.loopLineItemId === item.loopLineItemId)!,
          reason: RETURN_REASONS.find((reason) => reason.id === item.reasonId)!,
          quantity: item.quantity, comment: item.comment,
        })),
        label: { status: 'new', carrier: 'Colissimo', trackingNumber: `6A${String(id).padStart(11, '0')}`, updatedAt: at, token: randomUUID() },
        refunds: [], notes: [],
      };
      returns.push(created);
      return created;
    },
    findReturn: (id: string | number) => returns.find((r) => String(r.id) === String(id)) ?? null,
    findReturnByLabel: (token: string) => returns.find((r) => r.label.token === token) ?? null,
    addNote(target: EmulatedReturn, content: string, now: Date): void {
      target.notes.push({ id: nextNoteId++, content, createdAt: now.toISOString() });
    },
    refund(target: EmulatedReturn): void {
      const cents = target.lines.reduce((sum, item) => sum + Math.round(Number(item.line.price) * 100) * item.quantity, 0);
      target.refunds.push({ amount: (cents / 100).toFixed(2), currency: target.order.currency, gateway: 'shopify_payments', providerRefundId: nextRefundId++ });
    },
    /** A deep link into Loop's shopper portal, opened on one order. */
    createLink(order: LoopOrder): string {
      const uuid = randomUUID();
      links.set(uuid, order);
      return uuid;
    },
    findLink: (uuid: string) => links.get(uuid) ?? null,
  };
}

export type LoopStore = ReturnType<typeof createLoopStore>;
