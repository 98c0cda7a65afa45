import { formatMoney } from '~/helpdesk/format-money';
import { getClauseTitle } from '~/policy/policy-page';
import type { KindText, NoteContext, TextLanguage } from '../kind';
import type { CaseExchange, CaseLine, ReturnDetails } from './details';
import { toParcelEventLines } from './parcel-notes';

/*
 * What agents read about a return on its Gorgias ticket. Like the rest of the agent notes
 * (helpdesk/agent-notes.ts), the wording lives in code: agents never see it in the browser.
 */

export const RETURN_TEXT: Record<TextLanguage, KindText> = {
  en: {
    label: 'Return',
    request: 'return request',
    events: {
      'shopify.returns_opened': 'Return opened on Shopify',
      submitted_to_store: 'Submitted to the store (Shopify)',
      approved_by_store: 'Approved: the return is open on Shopify',
      awaiting_review: 'Needs review: approve or decline it on the agent page (link below) or in Shopify',
      store_refused: 'Shopify refused the return; the case needs review',
      not_submitted: 'Not submitted to Shopify (nothing to return); the case needs review',
      store_unreachable: 'Shopify could not be reached after many attempts; the case needs review',
      declined_by_store: 'Declined in Shopify: the shopper sees the reason and note on the case page',
      return_closed: 'Return closed in Shopify: items received and processed',
      refunded_by_store: 'Refunded in Shopify',
      label_requested: 'Return label requested',
      label_pending: 'The label provider holds the return; its label follows',
      label_issued: 'Return label issued: the shopper sees how to send the parcel back on the case page',
      'labels.return_linked': 'The label provider’s return is linked to this case',
      label_refused: 'No return label: the provider turned it down or could not be reached; tell the shopper how to send the parcel back',
      tracking_added: 'The shopper gave the tracking number of their parcel',
      parcel_in_transit: 'Return parcel in transit',
      parcel_delivered: 'Return parcel delivered to the store',
      return_received: 'Items received and checked by the store',
      refund_issued: 'Refund issued',
      return_cancelled: 'The return was cancelled at the label provider; check with the shopper',
      label_expired: 'The return label expired before the parcel was posted',
      exchange_invoice_sent: 'Shopify emailed the shopper an invoice for the exchange’s price difference',
      exchange_invoice_refused: 'Shopify did not send the invoice for the exchange’s price difference; send it from the order in Shopify',
      exchange_shipped: 'Exchange: the new item shipped to the shopper',
      exchange_delivered: 'Exchange: the new item was delivered to the shopper',
      exchange_balance_paid: 'Exchange: the shopper paid the invoice for the price difference',
      exchange_released: 'Exchange: the new item is released to ship now, before the return is processed (Shopify returnProcess on the exchange lines)',
      exchange_release_refused: 'Exchange: Shopify refused to release the new item; ship it from the order in Shopify',
    },
    decidedHere: {
      approved_by_store: (who) => `Approved by ${who} from the Comptoir agent page: the return is open on Shopify`,
      declined_by_store: (who) => `Declined by ${who} from the Comptoir agent page: the shopper sees the reason and note on the case page`,
    },
    eventLines: (type, data) => toParcelEventLines(type, data, 'en'),
  },
  fr: {
    label: 'Retour',
    request: 'demande de retour',
    events: {
      'shopify.returns_opened': 'Retour ouvert sur Shopify',
      submitted_to_store: 'Transmis à la boutique (Shopify)',
      approved_by_store: 'Approuvé : le retour est ouvert sur Shopify',
      awaiting_review: 'À examiner : approuvez ou refusez le retour sur la page agent (lien ci-dessous) ou dans Shopify',
      store_refused: 'Shopify a refusé le retour ; le dossier est à examiner',
      not_submitted: 'Non transmis à Shopify (rien à retourner) ; le dossier est à examiner',
      store_unreachable: 'Shopify injoignable après de nombreux essais ; le dossier est à examiner',
      declined_by_store: 'Refusé dans Shopify : le client voit le motif et la note sur la page du dossier',
      return_closed: 'Retour clôturé dans Shopify : articles reçus et traités',
      refunded_by_store: 'Remboursé dans Shopify',
      label_requested: 'Étiquette de retour demandée',
      label_pending: 'Le prestataire d’étiquettes tient le retour ; l’étiquette suit',
      label_issued: 'Étiquette de retour émise : le client voit comment renvoyer le colis sur la page du dossier',
      'labels.return_linked': 'Le retour du prestataire d’étiquettes est lié à ce dossier',
      label_refused: 'Pas d’étiquette de retour : le prestataire l’a refusée ou était injoignable ; indiquez au client comment renvoyer le colis',
      tracking_added: 'Le client a donné le numéro de suivi de son colis',
      parcel_in_transit: 'Colis retour en transit',
      parcel_delivered: 'Colis retour livré à la boutique',
      return_received: 'Articles reçus et vérifiés par la boutique',
      refund_issued: 'Remboursement effectué',
      return_cancelled: 'Le retour a été annulé chez le prestataire d’étiquettes ; voyez avec le client',
      label_expired: 'L’étiquette de retour a expiré avant l’envoi du colis',
      exchange_invoice_sent: 'Shopify a envoyé au client une facture pour la différence de prix de l’échange',
      exchange_invoice_refused: 'Shopify n’a pas envoyé la facture de la différence de prix de l’échange ; envoyez-la depuis la commande dans Shopify',
      exchange_shipped: 'Échange : le nouvel article est expédié au client',
      exchange_delivered: 'Échange : le nouvel article est livré au client',
      exchange_balance_paid: 'Échange : le client a réglé la facture de la différence de prix',
      exchange_released: 'Échange : le nouvel article peut partir dès maintenant, avant le traitement du retour (returnProcess Shopify sur les lignes d’échange)',
      exchange_release_refused: 'Échange : Shopify a refusé de libérer le nouvel article ; expédiez-le depuis la commande dans Shopify',
    },
    decidedHere: {
      approved_by_store: (who) => `Approuvé par ${who} depuis la page agent de Comptoir : le retour est ouvert sur Shopify`,
      declined_by_store: (who) => `Refusé par ${who} depuis la page agent de Comptoir : le client voit le motif et la note sur la page du dossier`,
    },
    eventLines: (type, data) => toParcelEventLines(type, data, 'fr'),
  },
};

const SECTION_TEXT = {
  en: {
    items: 'Items', reason: 'reason', note: 'shopper note', clauses: 'clauses', photos: 'photos', attached: 'attached', fees: 'Fees',
    verdict: { approved: 'auto-approved', declined: 'refused', needs_review: 'needs review' },
    refund: 'Estimated refund', refundMethod: { original_payment: 'original payment', store_credit: 'store credit' },
    exchange: 'exchange', clause: 'clause',
    inStock: (units: number) => `in stock (${units})`, outOfStock: 'out of stock', untracked: 'stock not tracked',
    settle: {
      none: () => 'no price difference', invoice: (amount: string) => `${amount} to pay (Shopify invoice)`, refund: (amount: string) => `${amount} refunded`,
      store_credit: (amount: string) => `${amount} as store credit`, kept: (amount: string) => `${amount} kept by the store`,
    },
    ships: { now: 'ships at once (instant exchange)', in_transit: 'ships once the return is on its way', received: 'ships once the return is received' },
    addOnApproval: 'Shopify takes no exchange on a return request: add the new item when you approve it',
  },
  fr: {
    items: 'Articles', reason: 'motif', note: 'note du client', clauses: 'clauses', photos: 'photos', attached: 'en pièce jointe', fees: 'Frais',
    verdict: { approved: 'approuvé automatiquement', declined: 'refusé', needs_review: 'à examiner' },
    refund: 'Remboursement estimé', refundMethod: { original_payment: 'moyen de paiement initial', store_credit: 'avoir' },
    exchange: 'échange', clause: 'clause',
    inStock: (units: number) => `en stock (${units})`, outOfStock: 'en rupture', untracked: 'stock non suivi',
    settle: {
      none: () => 'pas de différence de prix', invoice: (amount: string) => `${amount} à payer (facture Shopify)`, refund: (amount: string) => `${amount} remboursés`,
      store_credit: (amount: string) => `${amount} en avoir`, kept: (amount: string) => `${amount} gardés par la boutique`,
    },
    ships: { now: 'part tout de suite (échange instantané)', in_transit: 'part dès que le retour est en route', received: 'part dès réception du retour' },
    addOnApproval: 'Shopify ne prend pas d’échange sur une demande de retour : ajoutez le nouvel article en l’approuvant',
  },
} as const;

/**
 * "Marinière Saint-Malo M / Navy → L / Navy, in stock (4), no price difference, ships once the
 * return is on its way, clause 5.5": the new item named after the old one (by its variant alone
 * when it is the same product), the stock when the case was sent, the difference and when it ships.
 */
function toExchangeText(exchange: CaseExchange, from: { title: string; variantTitle: string | null }, language: TextLanguage): string {
  const text = SECTION_TEXT[language];
  const to = exchange.productTitle === from.title ? exchange.variantTitle : [exchange.productTitle, exchange.variantTitle].filter(Boolean).join(' ');
  const stock = exchange.stockLeft === null ? text.untracked : exchange.stockLeft > 0 ? text.inStock(exchange.stockLeft) : text.outOfStock;
  const settle = text.settle[exchange.settle](formatMoney(exchange.difference, language));
  const old = [from.title, from.variantTitle].filter(Boolean).join(' ');
  return `${text.exchange}: ${old} → ${to}, ${stock}, ${settle}, ${text.ships[exchange.ships]}, ${text.clause} ${exchange.clauseId}`;
}

/** A returned line as the first note tells it: the order's item, the shopper's reason and words, the verdict. */
function toLineText(line: CaseLine, index: number, context: NoteContext, language: TextLanguage): string[] {
  const text = SECTION_TEXT[language];
  const item = context.order.lineItems.find((candidate) => candidate.id === line.lineItemId);
  const title = [line.title || item?.title || '', item?.variantTitle, item?.sku ? `SKU ${item.sku}` : null].filter(Boolean).join(' · ');
  const price = item?.unitPrice ? ` × ${formatMoney(item.unitPrice, language)}` : '';
  const reason = context.policy.reasons.find((candidate) => candidate.id === line.reasonId)?.label[language] ?? line.reasonId;
  const clauses = line.clauseIds.map((id) => {
    const clauseTitle = getClauseTitle(context.policy, id, language);
    return clauseTitle ? `${id} ${clauseTitle}` : id;
  }).join('; ');
  const photos = line.photoIds.map((key) => context.photos.get(key));
  const attached = photos.filter((photo) => photo?.attached).length;
  const links = photos.flatMap((photo) => (photo && !photo.attached ? [photo.link] : []));
  const exchange = line.outcome === 'exchange' ? line.exchange : undefined;
  return [
    `${index + 1}. ${title} — ${line.quantity}${price}`,
    `   ${text.reason}: ${reason}`,
    ...(line.note ? [`   ${text.note}: « ${line.note} »`] : []),
    ...(exchange ? [`   ${toExchangeText(exchange, { title: line.title || item?.title || '', variantTitle: item?.variantTitle ?? null }, language)}`] : []),
    `   → ${text.verdict[line.decision]}${clauses ? ` (${text.clauses}: ${clauses})` : ''}`,
    // Shopify's returnRequest carries no exchange line: the executor cannot hand it the new item.
    ...(exchange && line.decision === 'needs_review' ? [`   ${text.addOnApproval}`] : []),
    ...(attached > 0 ? [`   ${text.photos}: ${attached} ${text.attached}`] : []),
    ...links.map((link) => `   ${text.photos}: ${link}`),
  ];
}

/** The return's part of the first note: the items with their verdicts, then fees and refund. */
export function toReturnNoteSections(details: ReturnDetails, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] } {
  const text = SECTION_TEXT[language];
  // When every line is exchanged no money goes back for the items: no method to name.
  const refunded = details.lines.some((line) => line.outcome !== 'exchange');
  const refundMethod = details.refundMethod && refunded ? ` (${text.refundMethod[details.refundMethod]})` : '';
  return {
    subject: [`${text.items}:`, ...details.lines.flatMap((line, index) => toLineText(line, index, context, language))],
    outcome: [
      `${text.fees}: ${formatMoney(details.totals.fees, language)}`,
      `${text.refund}: ${formatMoney(details.totals.estimatedRefund, language)}${refundMethod}`,
    ],
  };
}
