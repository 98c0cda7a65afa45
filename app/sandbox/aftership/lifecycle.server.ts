import { createHash } from 'node:crypto';
import type { EmulatedAddress } from './orders.server';
import { toRefund, toWire, toWireAddress, type ApprovalStatus, type WireReturn } from './returns-store.server';
import type { WebhookHub } from './webhooks.server';

/*
 * How a return moves, for the API (approve, reject, resolve) and the sandbox controls (the parcel
 * scanned, delivered, received; the return expired): each change answers with an AfterShip-style
 * conflict when the status does not allow it, and sends the matching webhook.
 */

export type Lifecycle = ReturnType<typeof createLifecycle>;
export type Outcome = { ok: true; ret: WireReturn } | { ok: false; message: string };

/** The demo store's warehouse, where labels send parcels (the sandbox brand's return address). */
export const DEMO_WAREHOUSE: EmulatedAddress = {
  name: 'Maison Lumière — Service retours', address1: 'Entrepôt des Canuts', address2: '14 rue des Artisans', city: 'Lyon',
  province: null, zip: '69004', countryCode: 'FR', phone: null,
};

export const labelPaths = (id: string) => ({ pdf: `/__sandbox/aftership/labels/${id}.pdf`, qr: `/__sandbox/aftership/labels/${id}/qr.png` });

const trackingNumberOf = (id: string) => `6A${BigInt(`0x${createHash('sha256').update(`tracking-${id}`).digest('hex').slice(0, 12)}`).toString().padStart(11, '0').slice(-11)}FR`;

export function createLifecycle(deps: { hub: WebhookHub; clock: () => Date; warehouse: EmulatedAddress }) {
  const now = () => deps.clock().toISOString();
  const emit = (event: string, ret: WireReturn) => deps.hub.emit(event, toWire(ret) as { id: string });
  const refused = (from: string, to: ApprovalStatus): Outcome => ({ ok: false, message: `Approval status can only be changed from ${from} to ${to}` });

  /** The retailer label: tracking number, PDF and QR code served by the emulator, to the warehouse. */
  function addLabel(ret: WireReturn, origin: string): void {
    const paths = labelPaths(ret.id);
    ret.shipments = [{
      id: `${ret.id.slice(0, 24)}5a1e0001`, tracking_number: trackingNumberOf(ret.id), tracking_status: 'InfoReceived', slug: 'colissimo',
      items: ret.return_items.map((i) => ({ external_order_item_id: i.external_order_item_id, quantity: i.intended_return_quantity })),
      label: { url: `${origin}${paths.pdf}`, slug: 'colissimo', aftership_shipping_slug: 'colissimo', total_charge: null, qr_code_url: `${origin}${paths.qr}` },
      packing_slip_url: null, shipping_documents_url: null, invoice_url: null, source: 'merchant_generate', created_at: now(),
      tracking_status_updated_at: now(), ship_from: ret.shipping_address as never, ship_to: toWireAddress(deps.warehouse),
    }];
    ret.shipping_status = 'pending';
  }

  return {
    approve(ret: WireReturn, input: { generateLabel: boolean; labelReference: string | null; origin: string; deferLabel: boolean }): Outcome {
      if (ret.approval_status !== 'submitted') return refused('submitted', 'approved');
      Object.assign(ret, { approval_status: 'approved', approved_at: now(), auto_approved: false });
      if (input.labelReference) ret.label_reference = input.labelReference;
      if (input.generateLabel && !input.deferLabel) addLabel(ret, input.origin);
      else if (input.generateLabel) ret.shipping_status = 'no_label';
      emit('return.approved', ret);
      return { ok: true, ret };
    },
    /** A label generated later (AfterShip's label job): `return.shipment.provided`. */
    provideLabel(ret: WireReturn, origin: string): Outcome {
      if (ret.approval_status !== 'approved') return { ok: false, message: 'Only an approved return gets a label' };
      if (ret.shipments.length > 0) return { ok: false, message: 'The return already has a label' };
      addLabel(ret, origin);
      emit('return.shipment.provided', ret);
      return { ok: true, ret };
    },
    reject(ret: WireReturn, reason: string): Outcome {
      if (!['submitted', 'approved', 'expired'].includes(ret.approval_status)) return refused('submitted, approve, expired', 'rejected');
      Object.assign(ret, { approval_status: 'rejected', rejected_at: now(), reject_reason: reason, auto_rejected: false });
      if (ret.shipments.length > 0) ret.shipping_status = 'void';
      emit('return.rejected', ret);
      return { ok: true, ret };
    },
    resolve(ret: WireReturn, refundNumber: number, destination?: 'original_payment' | 'store_credit'): Outcome {
      if (!['approved', 'expired'].includes(ret.approval_status)) return refused('approve, expired', 'done');
      if (destination) {
        ret.refund_destination = destination;
        ret.outcomes = [destination === 'store_credit' ? 'store_credit' : 'refund'];
      }
      const refund = toRefund(ret, refundNumber);
      Object.assign(ret, { approval_status: 'done', resolved_at: now(), auto_resolved: false, refunded_at: now(), auto_refunded: false, refunded_total: refund.total });
      ret.refunds = [...ret.refunds, refund];
      for (const item of ret.return_items) item.refund_quantity = item.intended_return_quantity;
      emit('return.resolved', ret);
      return { ok: true, ret };
    },
    /** The carrier's scans: `InTransit`, then `Delivered` at the warehouse. */
    scan(ret: WireReturn, to: 'in_transit' | 'delivered'): Outcome {
      const shipment = ret.shipments[0];
      if (ret.approval_status !== 'approved' || !shipment) return { ok: false, message: 'Only an approved return with a label can be scanned' };
      const order = ['pending', 'in_transit', 'delivered'];
      if (order.indexOf(ret.shipping_status) >= order.indexOf(to)) return { ok: false, message: `The parcel is already ${ret.shipping_status}` };
      shipment.tracking_status = to === 'in_transit' ? 'InTransit' : 'Delivered';
      shipment.tracking_status_updated_at = now();
      ret.shipping_status = to;
      emit('return.shipment.updated', ret);
      return { ok: true, ret };
    },
    /** The warehouse checked the items in: `return.receiving.created`. */
    receive(ret: WireReturn): Outcome {
      if (ret.approval_status !== 'approved') return { ok: false, message: 'Only an approved return can be received' };
      if (ret.shipping_status === 'received') return { ok: false, message: 'The return is already received' };
      const items = ret.return_items.map((i) => ({
        external_id: i.external_order_item_id, external_product_id: String(i.external_product_id), external_variant_id: String(i.external_variant_id),
        sku: String(i.sku), quantity: i.intended_return_quantity, gradings: [],
      }));
      ret.receivings = [...ret.receivings, { id: `${ret.id.slice(0, 24)}7ec00001`, items, received_at: now() }];
      for (const item of ret.return_items) item.received_quantity = item.intended_return_quantity;
      ret.shipping_status = 'received';
      emit('return.receiving.created', ret);
      return { ok: true, ret };
    },
    expire(ret: WireReturn): Outcome {
      if (!['submitted', 'approved'].includes(ret.approval_status)) return refused('submitted, approved', 'expired');
      Object.assign(ret, { approval_status: 'expired', expired_at: now() });
      if (ret.shipments.length > 0) ret.shipping_status = 'void';
      emit('return.expired', ret);
      return { ok: true, ret };
    },
  };
}
