import { formatMoney } from '~/helpdesk/format-money';
import type { ProblemType } from '~/policy/problems';
import { getClauseTitle } from '~/policy/policy-page';
import type { KindText, NoteContext, TextLanguage } from '../kind';
import type { ProblemDetails } from './details';

/*
 * What agents read about a problem report on its Gorgias ticket. Like the rest of the agent notes
 * (helpdesk/agent-notes.ts), the wording lives in code: agents never see it in the browser.
 */

const OUTCOME_WORDS = {
  en: { reship: 'reship', refund: 'refund to the original payment', store_credit: 'store credit', review: 'review' },
  fr: { reship: 'renvoi', refund: 'remboursement sur le moyen de paiement initial', store_credit: 'avoir', review: 'examen' },
} as const;

/** "Offer: refund to the original payment 79.00 EUR, clause 10.4", from the event's data. */
function offerLine(data: Record<string, unknown>, language: TextLanguage): string[] | null {
  const outcome = OUTCOME_WORDS[language][data['outcome'] as keyof (typeof OUTCOME_WORDS)['en']];
  if (!outcome) return null;
  const amount = typeof data['amount'] === 'string' ? ` ${data['amount']}` : '';
  return [`${language === 'fr' ? 'Offre' : 'Offer'}: ${outcome}${amount}, clause ${String(data['clauseId'] ?? '')}`];
}

const DONE_WORDS = {
  en: {
    refund: (amount: string) => `refunded ${amount} to the original payment`, store_credit: (amount: string) => `issued ${amount} as store credit (a refund to store credit)`,
    reship: (order: string) => `replacement order ${order} created, free of charge`, refund_id: 'Shopify refund', already: 'found from an earlier attempt, not made twice',
    refused: 'Shopify refused', unreachable: 'Shopify could not be reached',
  },
  fr: {
    refund: (amount: string) => `${amount} remboursés sur le moyen de paiement initial`, store_credit: (amount: string) => `avoir de ${amount} émis (remboursement en avoir)`,
    reship: (order: string) => `commande de remplacement ${order} créée, gratuite`, refund_id: 'Remboursement Shopify', already: 'trouvé d’une tentative précédente, pas refait',
    refused: 'Refus de Shopify', unreachable: 'Shopify injoignable',
  },
} as const;

/** "79.00 EUR", as events log it, written for the note's language. */
const amountText = (logged: unknown, language: TextLanguage) => {
  const [amount, currencyCode] = typeof logged === 'string' ? logged.split(' ') : [];
  return amount && currencyCode ? formatMoney({ amount, currencyCode }, language) : '';
};

/** What the portal did in Shopify ("Done in Shopify: refunded €79.00 …"), or why it could not. */
function doneLines(type: string, data: Record<string, unknown>, language: TextLanguage): string[] | null {
  const words = DONE_WORDS[language];
  if (type === 'store_refused') return [`${words.refused}: ${[data['messages']].flat().join(' ')}`];
  if (type === 'store_unreachable') return [`${words.unreachable} (${String(data['code'] ?? '')})`];
  if (type !== 'offer_carried_out') return null;
  const what = data['outcome'] === 'reship' ? words.reship(String(data['orderName'] ?? ''))
    : data['outcome'] === 'store_credit' ? words.store_credit(amountText(data['amount'], language))
      : words.refund(amountText(data['amount'], language));
  return [
    `→ ${what}`,
    ...(typeof data['refundId'] === 'string' ? [`${words.refund_id}: ${data['refundId']}`] : []),
    ...(data['already'] === true ? [`(${words.already})`] : []),
  ];
}

export const PROBLEM_TEXT: Record<TextLanguage, KindText> = {
  en: {
    label: 'Problem report',
    request: 'problem report',
    events: {
      awaiting_review: 'Needs review: look into the report and answer the shopper',
      offer_approved: 'Offer approved by the policy: the portal carries it out in Shopify',
      offer_carried_out: 'Done in Shopify by the portal',
      store_refused: 'Shopify refused the offer: decide on the agent page',
      store_unreachable: 'Shopify could not be reached: decide on the agent page',
      completed: 'Done',
    },
    decidedHere: {
      approved_by_store: (who) => `Approved by ${who} on the agent page: the portal carries the offer out in Shopify`,
      declined_by_store: (who) => `Declined by ${who} on the agent page`,
    },
    eventLines: (type, data) => (type === 'offer_approved' ? offerLine(data, 'en') : doneLines(type, data, 'en')),
  },
  fr: {
    label: 'Signalement de problème',
    request: 'signalement de problème',
    events: {
      awaiting_review: 'À examiner : étudiez le signalement et répondez au client',
      offer_approved: 'Offre accordée par la politique : le portail l’exécute dans Shopify',
      offer_carried_out: 'Fait dans Shopify par le portail',
      store_refused: 'Shopify a refusé l’offre : à décider sur la page agent',
      store_unreachable: 'Shopify injoignable : à décider sur la page agent',
      completed: 'Terminé',
    },
    decidedHere: {
      approved_by_store: (who) => `Accepté par ${who} sur la page agent : le portail exécute l’offre dans Shopify`,
      declined_by_store: (who) => `Refusé par ${who} sur la page agent`,
    },
    eventLines: (type, data) => (type === 'offer_approved' ? offerLine(data, 'fr') : doneLines(type, data, 'fr')),
  },
};

const SECTION_TEXT = {
  en: {
    type: {
      not_received: 'Parcel not received', delivered_not_found: 'Delivered, but not found', missing_item: 'Item missing from the parcel',
      damaged: 'Item arrived damaged', wrong_item: 'Wrong item received', delivery_question: 'Question about a delivery',
    } satisfies Record<ProblemType, string>,
    parcel: 'Parcel', noTracking: 'no tracking number', status: 'status when reported', items: 'Items concerned', description: 'Shopper’s words',
    photo: 'Photo', attached: 'attached', clause: 'clause', because: 'because',
    reship: (items: string) => `Reship ${items}`,
    refund: (amount: string) => `Refund ${amount} to the original payment`,
    storeCredit: (amount: string) => `Issue ${amount} as store credit`,
    review: 'Needs review',
    value: 'value',
  },
  fr: {
    type: {
      not_received: 'Colis non reçu', delivered_not_found: 'Livré, mais introuvable', missing_item: 'Article manquant dans le colis',
      damaged: 'Article arrivé abîmé', wrong_item: 'Mauvais article reçu', delivery_question: 'Question sur une livraison',
    } satisfies Record<ProblemType, string>,
    parcel: 'Colis', noTracking: 'sans numéro de suivi', status: 'statut au signalement', items: 'Articles concernés', description: 'Mots du client',
    photo: 'Photo', attached: 'jointe', clause: 'clause', because: 'car',
    reship: (items: string) => `Renvoyer ${items}`,
    refund: (amount: string) => `Rembourser ${amount} sur le moyen de paiement initial`,
    storeCredit: (amount: string) => `Émettre un avoir de ${amount}`,
    review: 'À examiner',
    value: 'valeur',
  },
} as const;

/** Why a person decides, as agents read it: the engine's reason keys. */
const REVIEW_TEXT: Record<TextLanguage, Record<string, string>> = {
  en: {
    byPolicy: 'the policy has the team decide', question: 'a question for the team', carrierCheck: 'check with the carrier first',
    valueAboveLimit: 'worth more than the policy’s limit', currencyNotCovered: 'currency not covered by the policy’s limit',
    euConformity: 'legal guarantee of conformity (EU/UK)', returnedOrRefunded: 'some units already refunded or on a return',
  },
  fr: {
    byPolicy: 'la politique confie la décision à l’équipe', question: 'une question pour l’équipe', carrierCheck: 'vérifier d’abord auprès du transporteur',
    valueAboveLimit: 'valeur au-dessus du plafond de la politique', currencyNotCovered: 'devise non couverte par le plafond',
    euConformity: 'garantie légale de conformité (UE/R.-U.)', returnedOrRefunded: 'des unités déjà remboursées ou en retour',
  },
};

/** "1 × Marinière Saint-Malo M / Navy, 2 × …": the units as an agent picks them. */
export const toProblemItemsText = (lines: ProblemDetails['lines']) =>
  lines.map((line) => `${line.quantity} × ${[line.title, line.variantTitle].filter(Boolean).join(' ')}`).join(', ');

/** What the agent does, in one line: "Reship 1 × Marinière M / Navy, clause 10.3". */
export function toProblemAction(details: ProblemDetails, language: TextLanguage): string {
  const text = SECTION_TEXT[language];
  const { offer } = details;
  const amount = offer.amount ? formatMoney(offer.amount, language) : '';
  const what = offer.outcome === 'reship' ? text.reship(toProblemItemsText(details.lines))
    : offer.outcome === 'refund' ? text.refund(amount)
      : offer.outcome === 'store_credit' ? text.storeCredit(amount)
        : text.review;
  return `${what}, ${text.clause} ${offer.clauseId}`;
}

const reviewText = (key: string, language: TextLanguage) => REVIEW_TEXT[language][key.split('.').pop() ?? ''] ?? key;

/** "10.3 Parcels not received": the clause with its title, when the policy has one. */
const clauseText = (context: NoteContext, id: string, language: TextLanguage) => {
  const title = getClauseTitle(context.policy, id, language);
  return title ? `${id} ${title}` : id;
};

/** The report's part of the first note: what went wrong with which parcel and items, then what to do. */
export function toProblemNoteSections(details: ProblemDetails, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] } {
  const text = SECTION_TEXT[language];
  const { parcel, offer } = details;
  const tracking = parcel.trackingNumber ? `${parcel.carrier ?? ''} ${parcel.trackingNumber}`.trim() : `${parcel.carrier ?? ''} (${text.noTracking})`.trim();
  const items = details.lines.map((line, index) => {
    const item = context.order.lineItems.find((candidate) => candidate.id === line.lineItemId);
    const title = [line.title, line.variantTitle, item?.sku ? `SKU ${item.sku}` : null].filter(Boolean).join(' · ');
    return `${index + 1}. ${title} — ${line.quantity}${item ? ` × ${formatMoney(item.unitPrice, language)}` : ''}`;
  });
  const photos = details.photoIds.map((key, index) => {
    const where = context.photos.get(key);
    return `${text.photo} ${index + 1}: ${where && !where.attached ? where.link : text.attached}`;
  });
  const because = offer.reviewReasons.map((reason) => `${reviewText(reason.key, language)} (${text.clause} ${reason.clauseId})`);
  return {
    subject: [
      `${text.type[details.type]}`,
      `${text.parcel}: ${tracking} — ${text.status}: ${parcel.status}${parcel.trackingUrl ? ` — ${parcel.trackingUrl}` : ''}`,
      `${text.items}:`, ...items,
      ...(details.description ? [`${text.description}: « ${details.description} »`] : []),
      ...photos,
    ],
    outcome: [
      `→ ${toProblemAction(details, language)}`,
      `${clauseText(context, offer.clauseId, language)} — ${text.value} ${formatMoney(offer.value, language)}`,
      ...(because.length ? [`${text.because}: ${because.join('; ')}`] : []),
    ],
  };
}

/** The ticket's own tags: the kind of problem and what the policy offered. */
export const toProblemTags = (details: Pick<ProblemDetails, 'type' | 'offer'>) =>
  [`problem-${details.type.replaceAll('_', '-')}`, `problem-offer-${details.offer.outcome.replaceAll('_', '-')}`];

/** The kind of problem as agents read it. */
export const toProblemTypeText = (type: ProblemType, language: string) => SECTION_TEXT[language === 'fr' ? 'fr' : 'en'].type[type];
