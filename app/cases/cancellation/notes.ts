import { formatMoney } from '~/helpdesk/format-money';
import { getClauseTitle } from '~/policy/policy-page';
import type { KindText, NoteContext, TextLanguage } from '../kind';
import type { CancellationDetails, CancelReasonId } from './details';
import { SHIPPING_HOLD_EVENTS, toShippingHoldLines } from './shipping-hold-text';

/*
 * What agents read about a cancellation on its Gorgias ticket. Like the rest of the agent notes
 * (helpdesk/agent-notes.ts), the wording lives in code: agents never see it in the browser.
 */

const refundOf = (data: Record<string, unknown>) => (typeof data['refund'] === 'string' ? data['refund'] : null);

export const CANCELLATION_TEXT: Record<TextLanguage, KindText> = {
  en: {
    label: 'Cancellation',
    request: 'cancellation request',
    events: {
      'shopify.cancel_sent': 'Cancellation sent to Shopify (orderCancel)',
      order_cancelled: 'Order cancelled in Shopify (orderCancel): refund and restock as the policy says',
      order_cancelled_by_store: 'Order cancelled in Shopify by the store',
      items_cancelled: 'Items cancelled in Shopify (refundCreate on the unshipped units); the rest of the order ships',
      awaiting_review: 'Needs review: cancel the order in Shopify if it can still be stopped, or answer the shopper',
      store_refused: 'Shopify refused the cancellation; the case needs review',
      store_unreachable: 'Shopify could not be reached after many attempts; the case needs review',
      order_shipped_first: 'The order shipped before it was cancelled: tell the shopper they can return it',
      approved_by_store: 'Approved: the order is being cancelled in Shopify',
      declined_by_store: 'Declined: the order is not cancelled; the shopper sees the note on the case page',
      ...SHIPPING_HOLD_EVENTS.en,
    },
    decidedHere: {
      approved_by_store: (who) => `Approved by ${who} from the Comptoir agent page: the order is being cancelled in Shopify`,
      declined_by_store: (who) => `Declined by ${who} from the Comptoir agent page: the order is not cancelled; the shopper sees the note on the case page`,
    },
    eventLines: (type, data) => {
      if (type === 'order_cancelled' || type === 'order_cancelled_by_store' || type === 'items_cancelled') {
        const refund = refundOf(data);
        return [...(refund ? [`Refund: ${refund} (${data['method'] === 'store_credit' ? 'store credit' : 'original payment'})`] : []), ...(data['already'] === true ? ['Shopify had it cancelled already: nothing was done twice'] : [])];
      }
      if (type === 'store_refused') return [`Shopify: ${[data['messages']].flat().join('; ')}`];
      return toShippingHoldLines(type, data, 'en');
    },
  },
  fr: {
    label: 'Annulation',
    request: 'demande d’annulation',
    events: {
      'shopify.cancel_sent': 'Annulation envoyée à Shopify (orderCancel)',
      order_cancelled: 'Commande annulée dans Shopify (orderCancel) : remboursement et remise en stock selon la politique',
      order_cancelled_by_store: 'Commande annulée dans Shopify par la boutique',
      items_cancelled: 'Articles annulés dans Shopify (refundCreate sur les unités non expédiées) ; le reste de la commande part',
      awaiting_review: 'À examiner : annulez la commande dans Shopify si elle peut encore être arrêtée, ou répondez au client',
      store_refused: 'Shopify a refusé l’annulation ; le dossier est à examiner',
      store_unreachable: 'Shopify injoignable après de nombreux essais ; le dossier est à examiner',
      order_shipped_first: 'La commande est partie avant d’être annulée : dites au client qu’il peut la retourner',
      approved_by_store: 'Approuvée : la commande est en cours d’annulation dans Shopify',
      declined_by_store: 'Refusée : la commande n’est pas annulée ; le client voit la note sur la page du dossier',
      ...SHIPPING_HOLD_EVENTS.fr,
    },
    decidedHere: {
      approved_by_store: (who) => `Approuvée par ${who} depuis la page agent Comptoir : la commande est en cours d’annulation dans Shopify`,
      declined_by_store: (who) => `Refusée par ${who} depuis la page agent Comptoir : la commande n’est pas annulée ; le client voit la note sur la page du dossier`,
    },
    eventLines: (type, data) => {
      if (type === 'order_cancelled' || type === 'order_cancelled_by_store' || type === 'items_cancelled') {
        const refund = refundOf(data);
        return [...(refund ? [`Remboursement : ${refund} (${data['method'] === 'store_credit' ? 'avoir' : 'moyen de paiement initial'})`] : []), ...(data['already'] === true ? ['Shopify l’avait déjà annulée : rien n’a été fait deux fois'] : [])];
      }
      if (type === 'store_refused') return [`Shopify : ${[data['messages']].flat().join(' ; ')}`];
      return toShippingHoldLines(type, data, 'fr');
    },
  },
};

const SECTION_TEXT = {
  en: {
    colon: ': ', semicolon: '; ', items: 'Items to cancel', itemsOnly: 'Some items only: the rest of the order is kept and ships', shipping: 'shipping not refunded', reason: 'Reason', note: 'Shopper note', mode: { instant: 'Cancelled at once (within the policy’s window)', review: 'Needs review' },
    because: 'because', clause: 'clause', refund: 'Refund', toConfirm: 'to confirm by the team', releasesHold: 'the payment was only authorised: the hold is released',
    method: { original_payment: 'original payment', store_credit: 'store credit' }, restock: { true: 'items restocked', false: 'items not restocked' },
    reasons: {
      changed_mind: 'changed their mind', ordered_by_mistake: 'ordered by mistake', found_elsewhere: 'found it elsewhere', too_slow: 'delivery too slow',
      wrong_details: 'wrong size, colour or address on the order', other: 'other',
    } satisfies Record<CancelReasonId, string>,
  },
  fr: {
    colon: ' : ', semicolon: ' ; ', items: 'Articles à annuler', itemsOnly: 'Certains articles seulement : le reste de la commande est conservé et part', shipping: 'livraison non remboursée', reason: 'Motif', note: 'Note du client', mode: { instant: 'Annulée immédiatement (dans le délai de la politique)', review: 'À examiner' },
    because: 'car', clause: 'clause', refund: 'Remboursement', toConfirm: 'à confirmer par l’équipe', releasesHold: 'le paiement n’était qu’autorisé : la réservation est libérée',
    method: { original_payment: 'moyen de paiement initial', store_credit: 'avoir' }, restock: { true: 'articles remis en stock', false: 'articles non remis en stock' },
    reasons: {
      changed_mind: 'a changé d’avis', ordered_by_mistake: 'a commandé par erreur', found_elsewhere: 'l’a trouvé ailleurs', too_slow: 'livraison trop lente',
      wrong_details: 'mauvaise taille, couleur ou adresse sur la commande', other: 'autre',
    } satisfies Record<CancelReasonId, string>,
  },
} as const;

/** "8.2 Cancel within 2 hours": the clause with its title, when the policy has one. */
const clauseText = (context: NoteContext, id: string, language: TextLanguage) => {
  const title = getClauseTitle(context.policy, id, language);
  return title ? `${id} ${title}` : id;
};

/** The cancellation's part of the first note: the items and the shopper's words, then the verdict and the refund. */
export function toCancellationNoteSections(details: CancellationDetails, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] } {
  const text = SECTION_TEXT[language];
  const items = details.lines.map((line, index) => {
    const item = context.order.lineItems.find((candidate) => candidate.id === line.lineItemId);
    const title = [line.title, line.variantTitle, item?.sku ? `SKU ${item.sku}` : null].filter(Boolean).join(' · ');
    return `${index + 1}. ${title} — ${line.quantity}${item ? ` × ${formatMoney(item.unitPrice, language)}` : ''}`;
  });
  const because = [...new Set(details.reviewReasons.map((reason) => reason.clauseId))].map((id) => clauseText(context, id, language));
  const refund = details.refund.amount ? `${formatMoney(details.refund.amount, language)} (${text.method[details.refund.method]})` : text.toConfirm;
  const { colon, semicolon } = text;
  return {
    subject: [
      `${text.items}${colon.trimEnd()}`, ...items,
      ...(details.scope === 'items' ? [text.itemsOnly] : []),
      `${text.reason}${colon}${text.reasons[details.reasonId]}`,
      ...(details.note ? [`${text.note}${colon}« ${details.note} »`] : []),
    ],
    outcome: [
      `→ ${text.mode[details.mode]} (${text.clause} ${clauseText(context, details.clauseId, language)})${because.length ? `, ${text.because}${colon}${because.join(semicolon)}` : ''}`,
      `${text.refund}${colon}${refund}${details.refund.releasesHold ? ` — ${text.releasesHold}` : ''}${details.scope === 'items' ? `${semicolon}${text.shipping}` : ''}${semicolon}${text.restock[String(details.restock) as 'true' | 'false']}`,
    ],
  };
}

/** The shopper's reason as agents read it. */
export const toCancelReasonText = (id: CancelReasonId, language: string) => SECTION_TEXT[language === 'fr' ? 'fr' : 'en'].reasons[id];
