import type { ParcelStep, ParcelUpdate, ReportedRefund } from '~/labels/ports';
import type { LoopReturn } from './schemas';

/*
 * Loop's words for a return and its label, in the port's terms (app/labels/ports.ts). Pure: the
 * details call (`getStatus`) and both webhook topics go through here, so a status read and a
 * webhook about the same moment say the same thing.
 */

/** Loop labels expire 28 days after they were made while still unused (new or pre-transit). */
const LABEL_LIFETIME_DAYS = 28;

/** EasyPost's tracker statuses, which Loop passes on as `label_status`. */
export function toLabelStep(labelStatus: string | null | undefined): ParcelStep | null {
  switch (labelStatus?.toLowerCase()) {
    case 'new':
    case 'pre_transit': return 'label_issued';
    case 'in_transit':
    case 'out_for_delivery': return 'in_transit';
    case 'delivered': return 'delivered_to_store';
    // failure, error, N/A: the carrier lost track; nothing the shopper's case can move on.
    default: return null;
  }
}

const toDate = (value: string | null | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Cents-exact sum of decimal strings. */
function sumAmounts(amounts: string[]): string {
  const cents = amounts.reduce((total, amount) => total + Math.round(Number(amount) * 100), 0);
  return (cents / 100).toFixed(2);
}

/** Loop's refunds of a return, summed; gift cards and store credit are `store_credit`. */
export function toReportedRefund(loopReturn: Pick<LoopReturn, 'refunds' | 'currency' | 'outcome'>): ReportedRefund | null {
  const refunds = loopReturn.refunds ?? [];
  const currencyCode = refunds[0]?.currency ?? loopReturn.currency;
  if (refunds.length === 0 || !currencyCode) return null;
  const credit = /gift|credit/i.test(`${loopReturn.outcome ?? ''} ${refunds.map((refund) => refund.gateway ?? '').join(' ')}`);
  return { amount: { amount: sumAmounts(refunds.map((refund) => refund.amount)), currencyCode: currencyCode.toUpperCase() }, method: credit ? 'store_credit' : 'original_payment' };
}

/** The label facts a return carries: its first label (or the list's flat fields), destination, deadline. */
export function toLabelFacts(loopReturn: LoopReturn): NonNullable<ParcelUpdate['label']> {
  const label = loopReturn.labels?.[0];
  const destination = loopReturn.destination;
  const created = toDate(loopReturn.created_at);
  return {
    carrier: label?.carrier ?? loopReturn.carrier ?? null,
    trackingNumber: label?.tracking_number ?? loopReturn.tracking_number ?? null,
    trackingUrl: null,
    labelUrl: label?.url ?? loopReturn.label_url ?? null,
    qrCodeUrl: label?.qr_code_url ?? null,
    returnAddress: destination
      ? [destination.name, destination.company, destination.address1, destination.address2,
        [destination.zip, destination.city].filter(Boolean).join(' '), destination.state, destination.country_code]
        .filter((line): line is string => Boolean(line))
      : null,
    shipBy: created ? addDays(created, LABEL_LIFETIME_DAYS) : null,
    portalUrl: loopReturn.status_page_url ?? null,
  };
}

/**
 * A return's state, its label's status and its refunds as one update. A closed return is one the
 * store received; once Loop reports its refunds, it is refunded (or credited).
 */
export function toReturnStep(loopReturn: LoopReturn): { step: ParcelStep | null; refund: ReportedRefund | null } {
  const refund = toReportedRefund(loopReturn);
  switch (loopReturn.state.toLowerCase()) {
    case 'cancelled': return { step: 'return_cancelled', refund: null };
    case 'expired': return { step: 'label_expired', refund: null };
    case 'closed':
      if (refund) return { step: refund.method === 'store_credit' ? 'store_credit_issued' : 'refunded', refund };
      return { step: 'received_by_store', refund: null };
    default:
      return { step: toLabelStep(loopReturn.labels?.[0]?.status ?? loopReturn.label_status), refund };
  }
}

/** A return as the port's update (status reads and return webhooks). */
export function toParcelUpdate(loopReturn: LoopReturn): ParcelUpdate {
  const { step, refund } = toReturnStep(loopReturn);
  const facts = toLabelFacts(loopReturn);
  const hasLabel = Object.values(facts).some((value) => value !== null);
  return {
    provider: 'loop',
    providerReturnId: loopReturn.id,
    caseId: null,
    step,
    occurredAt: toDate(loopReturn.updated_at) ?? toDate(loopReturn.created_at),
    label: hasLabel ? facts : null,
    refund,
  };
}
