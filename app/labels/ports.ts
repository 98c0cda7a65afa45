import type { Money } from '~/orders/types';

/*
 * Return labels, in Comptoir's own terms: once the store approved a return, a provider issues what
 * the shopper needs to send it back (a label, a QR code for drop-off, an address, a deadline), and
 * later tells how the parcel and the refund are doing. Loop Returns, AfterShip Returns and "the
 * store itself" are adapters (app/integrations/loop, app/integrations/aftership, app/labels/store);
 * nothing here knows their paths or field names.
 *
 * Every method throws `UpstreamError` (`~/utils/upstream-error`) when the provider cannot be
 * reached or turns a call down: `retryable` says whether trying again later can help.
 */

export const LABEL_PROVIDERS = ['loop', 'aftership', 'store'] as const;
export type LabelProviderName = (typeof LABEL_PROVIDERS)[number];

/** A postal address as a label prints it. */
export type LabelAddress = {
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  /** State or province, as the country writes it; null where there is none. */
  province: string | null;
  zip: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  phone: string | null;
};

/** One line going back, as the provider needs it. */
export type LabelLine = {
  /** Shopify order line GID. */
  lineItemId: string;
  title: string;
  sku: string | null;
  quantity: number;
  /** The policy reason id, and its words in the store's language for the provider's records. */
  reasonId: string;
  reasonText: string;
  note: string | null;
};

/** What a provider needs to set up the return of an approved case. */
export type LabelRequest = {
  /** Our case id: the provider keeps it as its reference, so a retry finds what an earlier attempt made. */
  caseId: string;
  /** Shopify order GID and name (`#1001`). */
  orderId: string;
  orderName: string;
  /** The shopper's email and the order's shipping postcode: what the providers look orders up by. */
  customerEmail: string;
  shippingZip: string | null;
  /** Where the parcel leaves from: the order's shipping address. */
  shipFrom: LabelAddress | null;
  lines: LabelLine[];
  refundMethod: 'original_payment' | 'store_credit';
  language: 'en' | 'fr';
};

/** What the shopper is given to send the parcel back; any part a provider lacks is null. */
export type IssuedLabel = {
  provider: LabelProviderName;
  /** The provider's id of the return (Loop return id, AfterShip return id; the case id for `store`). */
  providerReturnId: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** The printable label (PDF), where the provider made one. */
  labelUrl: string | null;
  /** A QR code (image URL) the shopper shows at a drop-off point instead of printing. */
  qrCodeUrl: string | null;
  /** Where the parcel goes, as lines to print (name first); null when the label carries it alone. */
  returnAddress: string[] | null;
  /** Last day to post the parcel (ISO date, `2026-12-18`), where the provider or policy sets one. */
  shipBy: string | null;
  /** The provider's own page for this return, where it has one (Loop's deep link, status page). */
  portalUrl: string | null;
};

export type LabelRequestResult =
  /** The label is ready now. */
  | { status: 'issued'; label: IssuedLabel }
  /** The provider holds the return; its label arrives later, by webhook (or a status read). */
  | { status: 'pending'; providerReturnId: string; portalUrl: string | null }
  /** The provider will not make one for this return, and asking again will not change that. */
  | { status: 'refused'; code: string; message: string };

/**
 * Where a return parcel is, as every provider's events map to it. `delivered_to_store` is the
 * carrier's scan at the warehouse; `received_by_store` is the store having checked the items.
 */
export const PARCEL_STEPS = [
  'label_issued',
  'in_transit',
  'delivered_to_store',
  'received_by_store',
  'refunded',
  'store_credit_issued',
  'return_cancelled',
  'label_expired',
] as const;
export type ParcelStep = (typeof PARCEL_STEPS)[number];

/** A refund as the provider (or Shopify) reports it. */
export type ReportedRefund = { amount: Money; method: 'original_payment' | 'store_credit' };

/** What one provider webhook (or status read) says about a return. */
export type ParcelUpdate = {
  provider: Exclude<LabelProviderName, 'store'>;
  providerReturnId: string;
  /** Our case id, where the provider echoes our reference back; null otherwise. */
  caseId: string | null;
  /** Null when the event says nothing about where the parcel is (e.g. an echo of our own create). */
  step: ParcelStep | null;
  /** When it happened at the provider; null when the payload does not say. */
  occurredAt: Date | null;
  /** Label facts the payload carries (carrier, tracking, label URL…); null when none. */
  label: Partial<Omit<IssuedLabel, 'provider' | 'providerReturnId'>> | null;
  refund: ReportedRefund | null;
};

/** One label provider, chosen by config (and by the policy's reason) in `services.server.ts`. */
export interface LabelProvider {
  name: LabelProviderName;
  /**
   * Sets up the return and asks for its label. Idempotent by `caseId`: an attempt first looks
   * for the return an earlier attempt made, so a case never gets two.
   */
  requestLabel(request: LabelRequest): Promise<LabelRequestResult>;
  /** Cancels the provider's return and its label; an already cancelled one is not an error. */
  cancelLabel(providerReturnId: string): Promise<void>;
  /** Where the provider says the return is now (the same shape its webhooks map to). */
  getStatus(providerReturnId: string): Promise<ParcelUpdate | null>;
}
