import { formatMoney } from '~/helpdesk/format-money';
import type { Money } from '~/orders/types';
import type { TextLanguage } from '../kind';

/*
 * What a ticket note says under a parcel event's headline (app/labels/parcel-events.ts): the
 * provider, tracking with its link, the label, the address and deadline, a refund against the
 * estimate quoted to the shopper — and, where they differ, the difference for the agent.
 */
const PARCEL_TEXT = {
  en: {
    provider: { loop: 'Loop Returns', aftership: 'AfterShip Returns', store: 'the store (the shopper ships it)' } as Record<string, string>,
    via: 'Provider', tracking: 'Tracking', label: 'Label (PDF)', qr: 'Drop-off QR code', address: 'Send to', shipBy: 'Post by', portal: 'Provider page',
    refund: 'Refunded', estimate: 'estimated', differs: (by: string) => `Differs from the estimate by ${by}: check the refund in Shopify`,
    method: { original_payment: 'original payment', store_credit: 'store credit' } as Record<string, string>, code: 'Code',
  },
  fr: {
    provider: { loop: 'Loop Returns', aftership: 'AfterShip Returns', store: 'la boutique (le client l’envoie lui-même)' } as Record<string, string>,
    via: 'Prestataire', tracking: 'Suivi', label: 'Étiquette (PDF)', qr: 'QR code de dépôt', address: 'Envoyer à', shipBy: 'À poster avant le', portal: 'Page du prestataire',
    refund: 'Remboursé', estimate: 'estimé', differs: (by: string) => `Écart de ${by} avec l’estimation : vérifiez le remboursement dans Shopify`,
    method: { original_payment: 'moyen de paiement initial', store_credit: 'avoir' } as Record<string, string>, code: 'Code',
  },
} as const;

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && typeof (value as Money).amount === 'string' && typeof (value as Money).currencyCode === 'string';
const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** A parcel event's lines on the ticket: tracking with its link, the label and its deadline, a refund against its estimate. */
export function toParcelEventLines(type: string, data: Record<string, unknown>, language: TextLanguage): string[] | null {
  const t = PARCEL_TEXT[language];
  const tracking = [text(data['carrier']), text(data['trackingNumber']), text(data['trackingUrl'])].filter(Boolean).join(' · ');
  const provider = text(data['provider']);
  switch (type) {
    case 'label_requested':
    case 'label_pending':
    case 'return_cancelled':
    case 'label_expired':
      return [
        ...(provider ? [`${t.via}: ${t.provider[provider] ?? provider}`] : []),
        ...(text(data['portalUrl']) ? [`${t.portal}: ${data['portalUrl']}`] : []),
        ...(text(data['shipBy']) ? [`${t.shipBy}: ${data['shipBy']}`] : []),
      ];
    case 'label_refused':
      return [...(provider ? [`${t.via}: ${t.provider[provider] ?? provider}`] : []), `${t.code}: ${text(data['code']) ?? '?'}`, ...(text(data['message']) ? [String(data['message'])] : [])];
    case 'label_issued': {
      const address = Array.isArray(data['returnAddress']) ? data['returnAddress'].join(', ') : null;
      return [
        ...(provider ? [`${t.via}: ${t.provider[provider] ?? provider}`] : []),
        ...(tracking ? [`${t.tracking}: ${tracking}`] : []),
        ...(text(data['labelUrl']) ? [`${t.label}: ${data['labelUrl']}`] : []),
        ...(text(data['qrCodeUrl']) ? [`${t.qr}: ${data['qrCodeUrl']}`] : []),
        ...(address ? [`${t.address}: ${address}`] : []),
        ...(text(data['shipBy']) ? [`${t.shipBy}: ${data['shipBy']}`] : []),
        ...(text(data['portalUrl']) ? [`${t.portal}: ${data['portalUrl']}`] : []),
      ];
    }
    case 'tracking_added':
    case 'parcel_in_transit':
    case 'parcel_delivered':
    case 'exchange_shipped':
    case 'exchange_delivered':
      return tracking ? [`${t.tracking}: ${tracking}`] : [];
    case 'refund_issued':
      return toRefundLines(data, language);
    default:
      return null;
  }
}

/** "Refunded: €28.00 (original payment) — estimated €30.00", and the difference for the agent. */
function toRefundLines(data: Record<string, unknown>, language: TextLanguage): string[] {
  const t = PARCEL_TEXT[language];
  const amount = isMoney(data['amount']) ? data['amount'] : null;
  const estimate = isMoney(data['estimate']) ? data['estimate'] : null;
  const method = text(data['method']);
  const head = [
    `${t.refund}: ${amount ? formatMoney(amount, language) : '?'}`,
    method ? ` (${t.method[method] ?? method})` : '',
    estimate ? ` — ${t.estimate} ${formatMoney(estimate, language)}` : '',
  ].join('');
  const differs = amount && estimate && amount.currencyCode === estimate.currencyCode && toCents(amount) !== toCents(estimate);
  if (!differs) return [head];
  const by = { amount: ((toCents(amount) - toCents(estimate)) / 100).toFixed(2), currencyCode: amount.currencyCode };
  return [head, t.differs(formatMoney(by, language))];
}

const toCents = (money: Money) => Math.round(Number(money.amount) * 100);
