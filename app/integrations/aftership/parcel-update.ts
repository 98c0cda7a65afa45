import type { IssuedLabel, ParcelStep, ParcelUpdate, ReportedRefund } from '~/labels/ports';
import type { AftershipAddress, AftershipReturn } from './schemas';

/*
 * An AfterShip return, as our `ParcelUpdate`: pure, shared by the webhook parser (a snapshot per
 * event) and the label provider's status read. AfterShip does not echo our case id back (the
 * label reference is printed, not stored), so `caseId` is null: the portal knows the return by
 * its AfterShip id, kept when the label was requested.
 */

type LabelFacts = NonNullable<ParcelUpdate['label']>;

/** The return's address as lines to print, name first; null when AfterShip gave none. */
export function toAddressLines(address: AftershipAddress | null | undefined): string[] | null {
  if (!address?.street_1) return null;
  const area = [address.postal_code, address.city].filter(Boolean).join(' ');
  const lines = [address.contact_name, address.company_name, address.street_1, address.street_2, area, address.state?.name, address.country_region?.code];
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

/** AfterShip names carriers by slug (`colissimo`, `dhl-express`); a shopper reads their name. */
const CARRIER_NAMES: Record<string, string> = {
  colissimo: 'Colissimo', 'la-poste-colissimo': 'Colissimo', chronopost: 'Chronopost', 'mondialrelay': 'Mondial Relay', 'mondial-relay': 'Mondial Relay',
  ups: 'UPS', usps: 'USPS', fedex: 'FedEx', dhl: 'DHL', 'dhl-express': 'DHL Express', dpd: 'DPD', gls: 'GLS', 'canada-post': 'Canada Post', 'royal-mail': 'Royal Mail',
};

/** A carrier's name from its AfterShip slug: the known ones as they write it, others in words. */
export function toCarrierName(slug: string | null | undefined): string | null {
  if (!slug) return null;
  return CARRIER_NAMES[slug.toLowerCase()] ?? slug.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** What the first shipment says about the label; null when there is no shipment yet. */
export function toLabelFacts(ret: AftershipReturn): LabelFacts | null {
  const shipment = ret.shipments[0];
  if (!shipment) return null;
  return {
    carrier: toCarrierName(shipment.slug ?? shipment.label?.slug),
    trackingNumber: shipment.tracking_number ?? null,
    trackingUrl: null,
    labelUrl: shipment.label?.url ?? null,
    qrCodeUrl: shipment.label?.qr_code_url ?? null,
    returnAddress: toAddressLines(shipment.ship_to),
  };
}

/** The label as the shopper gets it, once AfterShip generated one (a label URL or a QR code). */
export function toIssuedLabel(ret: AftershipReturn): IssuedLabel | null {
  const facts = toLabelFacts(ret);
  if (!facts || (!facts.labelUrl && !facts.qrCodeUrl)) return null;
  return {
    provider: 'aftership', providerReturnId: ret.id, carrier: facts.carrier ?? null, trackingNumber: facts.trackingNumber ?? null,
    trackingUrl: null, labelUrl: facts.labelUrl ?? null, qrCodeUrl: facts.qrCodeUrl ?? null, returnAddress: facts.returnAddress ?? null,
    shipBy: null, portalUrl: null,
  };
}

/** Decimal strings added without floating point: `"12.5" + "0.75"` → `"13.25"`. */
function addDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const toUnits = (v: string) => {
    const [whole = '0', fraction = ''] = v.replace('-', '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    return v.startsWith('-') ? -units : units;
  };
  const total = values.reduce((sum, v) => sum + toUnits(v), 0n);
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return total < 0n ? `-${text}` : text;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The refunds AfterShip made, added up; null when it reports none. */
export function toReportedRefund(ret: AftershipReturn): ReportedRefund | null {
  const totals = ret.refunds.flatMap((r) => (r.total && DECIMAL.test(r.total.amount) ? [{ ...r.total, destination: r.destination }] : []));
  const currency = totals[0]?.currency ?? ret.refunded_total?.currency;
  const sameCurrency = totals.filter((t) => t.currency === currency);
  const amount = sameCurrency.length > 0 ? addDecimals(sameCurrency.map((t) => t.amount)) : ret.refunded_total?.amount;
  if (!currency || !amount || !DECIMAL.test(amount)) return null;
  const destination = totals[0]?.destination ?? ret.refund_destination;
  return { amount: { amount, currencyCode: currency.toUpperCase() }, method: destination === 'store_credit' ? 'store_credit' : 'original_payment' };
}

const date = (value: string | null | undefined) => {
  const parsed = value ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
};

/** `shipping_status`, or else the shipment's AfterShip tracking tag, as our step. */
export function toShippingStep(ret: AftershipReturn): ParcelStep | null {
  const status = ret.shipping_status;
  if (status === 'received' || status === 'partially_received') return 'received_by_store';
  if (status === 'delivered') return 'delivered_to_store';
  if (status === 'in_transit') return 'in_transit';
  const tag = ret.shipments[0]?.tracking_status?.toLowerCase().replace(/[^a-z]/g, '');
  if (tag === 'delivered') return 'delivered_to_store';
  if (tag === 'intransit' || tag === 'outfordelivery' || tag === 'availableforpickup') return 'in_transit';
  return null;
}

/** Where the return is now, read from the snapshot alone (the status read). */
export function toSnapshotStep(ret: AftershipReturn): ParcelStep | null {
  if (ret.approval_status === 'rejected') return 'return_cancelled';
  if (ret.approval_status === 'expired') return 'label_expired';
  const refund = toReportedRefund(ret);
  if (ret.approval_status === 'done' && (refund || ret.refunded_at)) return refund?.method === 'store_credit' ? 'store_credit_issued' : 'refunded';
  const shipping = toShippingStep(ret);
  if (shipping) return shipping;
  if (ret.receivings.length > 0) return 'received_by_store';
  return toIssuedLabel(ret) ? 'label_issued' : null;
}

/** When the step happened, by AfterShip's own timestamps; null when it does not say. */
export function toOccurredAt(ret: AftershipReturn, step: ParcelStep | null): Date | null {
  const shipment = ret.shipments[0];
  switch (step) {
    case 'label_issued': return date(shipment?.created_at) ?? date(ret.approved_at);
    case 'in_transit':
    case 'delivered_to_store': return date(shipment?.tracking_status_updated_at);
    case 'received_by_store': return date(ret.receivings.at(-1)?.received_at);
    case 'refunded':
    case 'store_credit_issued': return date(ret.refunded_at) ?? date(ret.resolved_at);
    case 'return_cancelled': return date(ret.rejected_at);
    case 'label_expired': return date(ret.expired_at);
    default: return null;
  }
}

export function toParcelUpdate(ret: AftershipReturn, step: ParcelStep | null, fallbackAt: Date | null = null): ParcelUpdate {
  const refunded = step === 'refunded' || step === 'store_credit_issued';
  return {
    provider: 'aftership', providerReturnId: ret.id, caseId: null, step,
    occurredAt: toOccurredAt(ret, step) ?? fallbackAt, label: toLabelFacts(ret), refund: refunded ? toReportedRefund(ret) : null,
  };
}
