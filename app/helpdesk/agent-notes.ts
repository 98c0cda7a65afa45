import type { CaseEvent } from '~/cases/case-store';
import type { CaseKind } from '~/cases/kinds';
import type { CaseLine, RefundMethod } from '~/cases/return/details';
import type { Money, ParcelStatus } from '~/orders/types';

/*
 * What agents read on a case's Gorgias ticket, as pure functions of already resolved data.
 * The wording lives here in code, not in `locales/`: agents never see it in the browser, so it
 * stays out of the client bundle, and a note is plain text read in Gorgias, not a page.
 */

export type AgentLanguage = 'en' | 'fr';

export type ContextNoteLine = {
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** From the order; null when the order no longer lists the line. */
  unitPrice: Money | null;
  reason: string;
  note: string | null;
  decision: CaseLine['decision'];
  clauses: { id: string; title: string | null }[];
  /** Signed links to photos that could not be attached. */
  photoLinks: string[];
  photosAttached: number;
};

/** One shipment of the order, as its tracking shows it now. */
export type ContextNoteParcel = {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: ParcelStatus;
  /** Whether it carried an item of this request. */
  holdsCaseItems: boolean;
};

export type ContextNote = {
  caseId: string;
  kind: CaseKind;
  orderName: string;
  orderAdminUrl: string;
  customer: { name: string | null; email: string };
  shopperLanguage: string;
  lines: ContextNoteLine[];
  parcels: ContextNoteParcel[];
  refundMethod: RefundMethod | null;
  policyVersion: string;
  fees: Money;
  estimatedRefund: Money;
  /** The agent's case page: a signed link that expires (`caseUrlExpiresAt`). */
  caseUrl: string;
  caseUrlExpiresAt: Date;
};

const TEXT = {
  en: {
    kind: { return: 'Return', exchange: 'Exchange', cancellation: 'Cancellation', address_change: 'Address change', issue: 'Issue' },
    order: 'order',
    opened: (kind: string, id: string, order: string, store: string) => `${kind} request ${id} submitted through ${store}'s self-service portal (order ${order}).`,
    customer: 'Customer', shopperLanguage: 'Shopper language', items: 'Items', reason: 'reason', note: 'shopper note',
    verdict: { approved: 'auto-approved', declined: 'refused', needs_review: 'needs review' },
    clauses: 'clauses', photos: 'photos', attached: 'attached', policy: 'Policy version', fees: 'Fees',
    refund: 'Estimated refund', refundMethod: { original_payment: 'original payment', store_credit: 'store credit' },
    caseLink: 'Case (agent view)', caseLinkHint: (until: string) => `(link valid until ${until})`,
    parcels: 'Parcels', noParcel: 'none shipped yet', noCarrier: 'carrier unknown', noTracking: 'no tracking number', holdsItems: 'items of this request',
    status: {
      label_created: 'label created', confirmed: 'confirmed', in_transit: 'in transit', out_for_delivery: 'out for delivery', delivered: 'delivered',
      attempted_delivery: 'delivery attempted', delayed: 'delayed', ready_for_pickup: 'ready for pickup', failure: 'delivery failed', cancelled: 'cancelled',
    } satisfies Record<ParcelStatus, string>,
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
    } as Record<string, string>,
    event: 'Event',
    decidedHere: {
      approved_by_store: (who: string) => `Approved by ${who} from the Comptoir agent page: the return is open on Shopify`,
      declined_by_store: (who: string) => `Declined by ${who} from the Comptoir agent page: the shopper sees the reason and note on the case page`,
    } as Record<string, (who: string) => string>,
    anAgent: 'an agent',
    justBefore: 'Just before',
  },
  fr: {
    kind: { return: 'Retour', exchange: 'Échange', cancellation: 'Annulation', address_change: "Changement d'adresse", issue: 'Problème' },
    order: 'commande',
    opened: (kind: string, id: string, order: string, store: string) => `Demande ${kind.toLowerCase()} ${id} envoyée depuis le portail libre-service de ${store} (commande ${order}).`,
    customer: 'Client', shopperLanguage: 'Langue du client', items: 'Articles', reason: 'motif', note: 'note du client',
    verdict: { approved: 'approuvé automatiquement', declined: 'refusé', needs_review: 'à examiner' },
    clauses: 'clauses', photos: 'photos', attached: 'en pièce jointe', policy: 'Version de la politique', fees: 'Frais',
    refund: 'Remboursement estimé', refundMethod: { original_payment: 'moyen de paiement initial', store_credit: 'avoir' },
    caseLink: 'Dossier (vue agent)', caseLinkHint: (until: string) => `(lien valable jusqu’au ${until})`,
    parcels: 'Colis', noParcel: 'aucun envoi pour l’instant', noCarrier: 'transporteur inconnu', noTracking: 'sans numéro de suivi', holdsItems: 'articles de cette demande',
    status: {
      label_created: 'étiquette créée', confirmed: 'confirmé', in_transit: 'en transit', out_for_delivery: 'en cours de livraison', delivered: 'livré',
      attempted_delivery: 'tentative de livraison', delayed: 'retardé', ready_for_pickup: 'à retirer', failure: 'échec de livraison', cancelled: 'annulé',
    } satisfies Record<ParcelStatus, string>,
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
    } as Record<string, string>,
    event: 'Événement',
    decidedHere: {
      approved_by_store: (who: string) => `Approuvé par ${who} depuis la page agent de Comptoir : le retour est ouvert sur Shopify`,
      declined_by_store: (who: string) => `Refusé par ${who} depuis la page agent de Comptoir : le client voit le motif et la note sur la page du dossier`,
    } as Record<string, (who: string) => string>,
    anAgent: 'un agent',
    justBefore: 'Juste avant',
  },
} as const;

const LOCALES: Record<AgentLanguage, string> = { en: 'en-US', fr: 'fr-FR' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€45.00" for an English-speaking agent, "45,00 €" for a French-speaking one: the agent's conventions, the order's currency. */
export function formatMoney(value: Money, language: AgentLanguage): string {
  const key = `${language}|${value.currencyCode}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: value.currencyCode })));
  return format.format(Number(value.amount));
}

/** "Return C-7KQ2M9XA · order #1016" */
export function toTicketSubject(kind: CaseKind, caseId: string, orderName: string, language: AgentLanguage): string {
  const text = TEXT[language];
  return `${text.kind[kind]} ${caseId} · ${text.order} ${orderName}`;
}

/** The customer-side message a ticket opens with: Gorgias creates tickets from a customer message. */
export function toOpeningMessage(kind: CaseKind, caseId: string, orderName: string, storeName: string, language: AgentLanguage): string {
  const text = TEXT[language];
  return text.opened(text.kind[kind], caseId, orderName, storeName);
}

/** The first internal note: everything an agent needs without opening another tool, tracking included. */
export function toContextNote(note: ContextNote, language: AgentLanguage): string {
  const text = TEXT[language];
  const money = (value: Money) => formatMoney(value, language);
  const customer = note.customer.name ? `${note.customer.name} <${note.customer.email}>` : note.customer.email;
  const lines = note.lines.flatMap((line, index) => {
    const item = [line.title, line.variantTitle, line.sku ? `SKU ${line.sku}` : null].filter(Boolean).join(' · ');
    const price = line.unitPrice ? ` × ${money(line.unitPrice)}` : '';
    const clauses = line.clauses.map((clause) => (clause.title ? `${clause.id} ${clause.title}` : clause.id)).join('; ');
    return [
      `${index + 1}. ${item} — ${line.quantity}${price}`,
      `   ${text.reason}: ${line.reason}`,
      ...(line.note ? [`   ${text.note}: « ${line.note} »`] : []),
      `   → ${text.verdict[line.decision]}${clauses ? ` (${text.clauses}: ${clauses})` : ''}`,
      ...(line.photosAttached > 0 ? [`   ${text.photos}: ${line.photosAttached} ${text.attached}`] : []),
      ...line.photoLinks.map((link) => `   ${text.photos}: ${link}`),
    ];
  });
  const parcels = note.parcels.map((parcel, index) => {
    const number = parcel.trackingNumber ?? text.noTracking;
    const link = parcel.trackingUrl ? ` — ${parcel.trackingUrl}` : '';
    const holds = parcel.holdsCaseItems ? ` (${text.holdsItems})` : '';
    return `${index + 1}. ${parcel.carrier ?? text.noCarrier} · ${number} · ${text.status[parcel.status]}${link}${holds}`;
  });
  const refundMethod = note.refundMethod ? ` (${text.refundMethod[note.refundMethod]})` : '';
  return [
    `${text.kind[note.kind]} ${note.caseId} · ${text.order} ${note.orderName}: ${note.orderAdminUrl}`,
    `${text.customer}: ${customer}`,
    `${text.shopperLanguage}: ${note.shopperLanguage}`,
    '',
    `${text.items}:`,
    ...lines,
    '',
    ...(parcels.length > 0 ? [`${text.parcels}:`, ...parcels] : [`${text.parcels}: ${text.noParcel}`]),
    '',
    `${text.fees}: ${money(note.fees)}`,
    `${text.refund}: ${money(note.estimatedRefund)}${refundMethod}`,
    `${text.policy}: ${note.policyVersion}`,
    `${text.caseLink}: ${note.caseUrl} ${text.caseLinkHint(note.caseUrlExpiresAt.toISOString().slice(0, 10))}`,
  ].join('\n');
}

/** Events after which an agent has something to do on the case: their note links to it. */
const LINKED_EVENTS = new Set(['awaiting_review', 'store_refused', 'not_submitted', 'store_unreachable']);

/** Event data shown as its own sentence, not as a `key: value` line. */
const HIDDEN_DATA = new Set(['via', 'agentName']);

/**
 * A short note for a later event of the case's log. A decision taken on the agent page says who
 * took it and where; an event that asks for an agent carries the case link (`agentLink`).
 */
export function toEventNote(event: Pick<CaseEvent, 'type' | 'data'>, language: AgentLanguage, agentLink?: { url: string; expiresAt: Date }): string {
  const text = TEXT[language];
  const headline = toHeadline(event, language);
  const link = agentLink && LINKED_EVENTS.has(event.type)
    ? [`${text.caseLink}: ${agentLink.url} ${text.caseLinkHint(agentLink.expiresAt.toISOString().slice(0, 10))}`]
    : [];
  return [headline, ...toDetails(event), ...link].join('\n');
}

/** What happened, and for a decision taken on the agent page, who took it there. */
function toHeadline(event: Pick<CaseEvent, 'type' | 'data'>, language: AgentLanguage): string {
  const text = TEXT[language];
  const decided = event.data['via'] === 'agent_page' ? text.decidedHere[event.type] : undefined;
  const who = typeof event.data['agentName'] === 'string' && event.data['agentName'] ? event.data['agentName'] : text.anAgent;
  return decided ? decided(who) : (text.events[event.type] ?? `${text.event}: ${event.type}`);
}

const toDetails = (event: Pick<CaseEvent, 'data'>) =>
  Object.entries(event.data)
    .filter(([key]) => !HIDDEN_DATA.has(key))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);

/**
 * One note for events that happened together (see note-batches.ts): where the case stands now
 * first, the steps that led there on one line, then their details, each said once; the case link
 * when the last of them asks for an agent.
 */
export function toEventsNote(events: Pick<CaseEvent, 'type' | 'data'>[], language: AgentLanguage, agentLink?: { url: string; expiresAt: Date }): string {
  const last = events.at(-1);
  if (!last || events.length === 1) return last ? toEventNote(last, language, agentLink) : '';
  const text = TEXT[language];
  const before = events.slice(0, -1).map((event) => toHeadline(event, language)).join(' · ');
  const details = [...new Set(events.flatMap(toDetails))];
  const link = agentLink && events.some((event) => LINKED_EVENTS.has(event.type))
    ? [`${text.caseLink}: ${agentLink.url} ${text.caseLinkHint(agentLink.expiresAt.toISOString().slice(0, 10))}`]
    : [];
  return [toHeadline(last, language), `${text.justBefore}: ${before}`, ...details, ...link].join('\n');
}
