import { formatMoney } from '~/helpdesk/format-money';
import { getClauseTitle } from '~/policy/policy-page';
import type { KindText, NoteContext, TextLanguage } from '../kind';
import type { CaseLine, ReturnDetails } from './details';

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
    },
    decidedHere: {
      approved_by_store: (who) => `Approved by ${who} from the Comptoir agent page: the return is open on Shopify`,
      declined_by_store: (who) => `Declined by ${who} from the Comptoir agent page: the shopper sees the reason and note on the case page`,
    },
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
    },
    decidedHere: {
      approved_by_store: (who) => `Approuvé par ${who} depuis la page agent de Comptoir : le retour est ouvert sur Shopify`,
      declined_by_store: (who) => `Refusé par ${who} depuis la page agent de Comptoir : le client voit le motif et la note sur la page du dossier`,
    },
  },
};

const SECTION_TEXT = {
  en: {
    items: 'Items', reason: 'reason', note: 'shopper note', clauses: 'clauses', photos: 'photos', attached: 'attached', fees: 'Fees',
    verdict: { approved: 'auto-approved', declined: 'refused', needs_review: 'needs review' },
    refund: 'Estimated refund', refundMethod: { original_payment: 'original payment', store_credit: 'store credit' },
  },
  fr: {
    items: 'Articles', reason: 'motif', note: 'note du client', clauses: 'clauses', photos: 'photos', attached: 'en pièce jointe', fees: 'Frais',
    verdict: { approved: 'approuvé automatiquement', declined: 'refusé', needs_review: 'à examiner' },
    refund: 'Remboursement estimé', refundMethod: { original_payment: 'moyen de paiement initial', store_credit: 'avoir' },
  },
} as const;

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
  return [
    `${index + 1}. ${title} — ${line.quantity}${price}`,
    `   ${text.reason}: ${reason}`,
    ...(line.note ? [`   ${text.note}: « ${line.note} »`] : []),
    `   → ${text.verdict[line.decision]}${clauses ? ` (${text.clauses}: ${clauses})` : ''}`,
    ...(attached > 0 ? [`   ${text.photos}: ${attached} ${text.attached}`] : []),
    ...links.map((link) => `   ${text.photos}: ${link}`),
  ];
}

/** The return's part of the first note: the items with their verdicts, then fees and refund. */
export function toReturnNoteSections(details: ReturnDetails, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] } {
  const text = SECTION_TEXT[language];
  const refundMethod = details.refundMethod ? ` (${text.refundMethod[details.refundMethod]})` : '';
  return {
    subject: [`${text.items}:`, ...details.lines.flatMap((line, index) => toLineText(line, index, context, language))],
    outcome: [
      `${text.fees}: ${formatMoney(details.totals.fees, language)}`,
      `${text.refund}: ${formatMoney(details.totals.estimatedRefund, language)}${refundMethod}`,
    ],
  };
}
