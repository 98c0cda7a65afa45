import type { CaseEvent } from '~/cases/case-store';
import type { TextLanguage } from '~/cases/kind';
import { KINDS, type CaseKind } from '~/cases/kinds';
import type { ParcelStatus } from '~/orders/types';

/*
 * What agents read on a case's Gorgias ticket, as pure functions of already resolved data.
 * The wording lives here in code, not in `locales/`: agents never see it in the browser, so it
 * stays out of the client bundle, and a note is plain text read in Gorgias, not a page. What a
 * kind says of itself and of its events comes from its definition (`KINDS[kind].text`).
 */

export type AgentLanguage = TextLanguage;

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
  /** The kind's own part (`KINDS[kind].noteSections`): what the request is about, before the parcels… */
  subject: string[];
  parcels: ContextNoteParcel[];
  /** …and what it leads to, after them. */
  outcome: string[];
  policyVersion: string;
  /** The agent's case page: a signed link that expires (`caseUrlExpiresAt`). */
  caseUrl: string;
  caseUrlExpiresAt: Date;
};

const TEXT = {
  en: {
    order: 'order',
    opened: (kind: string, id: string, order: string, store: string) => `${kind} request ${id} submitted through ${store}'s self-service portal (order ${order}).`,
    customer: 'Customer', shopperLanguage: 'Shopper language',
    policy: 'Policy version',
    caseLink: 'Case (agent view)', caseLinkHint: (until: string) => `(link valid until ${until})`,
    parcels: 'Parcels', noParcel: 'none shipped yet', noCarrier: 'carrier unknown', noTracking: 'no tracking number', holdsItems: 'items of this request',
    status: {
      label_created: 'label created', confirmed: 'confirmed', in_transit: 'in transit', out_for_delivery: 'out for delivery', delivered: 'delivered',
      attempted_delivery: 'delivery attempted', delayed: 'delayed', ready_for_pickup: 'ready for pickup', failure: 'delivery failed', cancelled: 'cancelled',
    } satisfies Record<ParcelStatus, string>,
    event: 'Event',
    anAgent: 'an agent',
    justBefore: 'Just before',
  },
  fr: {
    order: 'commande',
    opened: (kind: string, id: string, order: string, store: string) => `Demande ${kind.toLowerCase()} ${id} envoyée depuis le portail libre-service de ${store} (commande ${order}).`,
    customer: 'Client', shopperLanguage: 'Langue du client',
    policy: 'Version de la politique',
    caseLink: 'Dossier (vue agent)', caseLinkHint: (until: string) => `(lien valable jusqu’au ${until})`,
    parcels: 'Colis', noParcel: 'aucun envoi pour l’instant', noCarrier: 'transporteur inconnu', noTracking: 'sans numéro de suivi', holdsItems: 'articles de cette demande',
    status: {
      label_created: 'étiquette créée', confirmed: 'confirmé', in_transit: 'en transit', out_for_delivery: 'en cours de livraison', delivered: 'livré',
      attempted_delivery: 'tentative de livraison', delayed: 'retardé', ready_for_pickup: 'à retirer', failure: 'échec de livraison', cancelled: 'annulé',
    } satisfies Record<ParcelStatus, string>,
    event: 'Événement',
    anAgent: 'un agent',
    justBefore: 'Juste avant',
  },
} as const;

/** "Return C-7KQ2M9XA · order #1016" */
export function toTicketSubject(kind: CaseKind, caseId: string, orderName: string, language: AgentLanguage): string {
  const text = TEXT[language];
  return `${KINDS[kind].text[language].label} ${caseId} · ${text.order} ${orderName}`;
}

/** The customer-side message a ticket opens with: Gorgias creates tickets from a customer message. */
export function toOpeningMessage(kind: CaseKind, caseId: string, orderName: string, storeName: string, language: AgentLanguage): string {
  const text = TEXT[language];
  return text.opened(KINDS[kind].text[language].label, caseId, orderName, storeName);
}

/** The first internal note: everything an agent needs without opening another tool, tracking included. */
export function toContextNote(note: ContextNote, language: AgentLanguage): string {
  const text = TEXT[language];
  const customer = note.customer.name ? `${note.customer.name} <${note.customer.email}>` : note.customer.email;
  const parcels = note.parcels.map((parcel, index) => {
    const number = parcel.trackingNumber ?? text.noTracking;
    const link = parcel.trackingUrl ? ` — ${parcel.trackingUrl}` : '';
    const holds = parcel.holdsCaseItems ? ` (${text.holdsItems})` : '';
    return `${index + 1}. ${parcel.carrier ?? text.noCarrier} · ${number} · ${text.status[parcel.status]}${link}${holds}`;
  });
  return [
    `${KINDS[note.kind].text[language].label} ${note.caseId} · ${text.order} ${note.orderName}: ${note.orderAdminUrl}`,
    `${text.customer}: ${customer}`,
    `${text.shopperLanguage}: ${note.shopperLanguage}`,
    '',
    ...note.subject,
    '',
    ...(parcels.length > 0 ? [`${text.parcels}:`, ...parcels] : [`${text.parcels}: ${text.noParcel}`]),
    '',
    ...note.outcome,
    `${text.policy}: ${note.policyVersion}`,
    `${text.caseLink}: ${note.caseUrl} ${text.caseLinkHint(note.caseUrlExpiresAt.toISOString().slice(0, 10))}`,
  ].join('\n');
}

/** Event data shown as its own sentence, not as a `key: value` line. */
const HIDDEN_DATA = new Set(['via', 'agentName']);

/**
 * A short note for a later event of the case's log. A decision taken on the agent page says who
 * took it and where; an event that asks for an agent carries the case link (`agentLink`).
 */
export function toEventNote(kind: CaseKind, event: Pick<CaseEvent, 'type' | 'data'>, language: AgentLanguage, agentLink?: { url: string; expiresAt: Date }): string {
  const text = TEXT[language];
  const headline = toHeadline(kind, event, language);
  const link = agentLink && KINDS[kind].agentEvents.has(event.type)
    ? [`${text.caseLink}: ${agentLink.url} ${text.caseLinkHint(agentLink.expiresAt.toISOString().slice(0, 10))}`]
    : [];
  return [headline, ...toDetails(kind, event, language), ...link].join('\n');
}

/** What happened, and for a decision taken on the agent page, who took it there. */
function toHeadline(kind: CaseKind, event: Pick<CaseEvent, 'type' | 'data'>, language: AgentLanguage): string {
  const text = TEXT[language];
  const own = KINDS[kind].text[language];
  const decided = event.data['via'] === 'agent_page' ? own.decidedHere[event.type] : undefined;
  const who = typeof event.data['agentName'] === 'string' && event.data['agentName'] ? event.data['agentName'] : text.anAgent;
  return decided ? decided(who) : (own.events[event.type] ?? `${text.event}: ${event.type}`);
}

const toDetails = (kind: CaseKind, event: Pick<CaseEvent, 'type' | 'data'>, language: AgentLanguage) =>
  KINDS[kind].text[language].eventLines?.(event.type, event.data) ?? Object.entries(event.data)
    .filter(([key, value]) => !HIDDEN_DATA.has(key) && value !== null)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);

/**
 * One note for events that happened together (see note-batches.ts): where the case stands now
 * first, the steps that led there on one line, then their details, each said once; the case link
 * when the last of them asks for an agent.
 */
export function toEventsNote(kind: CaseKind, events: Pick<CaseEvent, 'type' | 'data'>[], language: AgentLanguage, agentLink?: { url: string; expiresAt: Date }): string {
  const last = events.at(-1);
  if (!last || events.length === 1) return last ? toEventNote(kind, last, language, agentLink) : '';
  const text = TEXT[language];
  const before = events.slice(0, -1).map((event) => toHeadline(kind, event, language)).join(' · ');
  const details = [...new Set(events.flatMap((event) => toDetails(kind, event, language)))];
  const link = agentLink && events.some((event) => KINDS[kind].agentEvents.has(event.type))
    ? [`${text.caseLink}: ${agentLink.url} ${text.caseLinkHint(agentLink.expiresAt.toISOString().slice(0, 10))}`]
    : [];
  return [toHeadline(kind, last, language), `${text.justBefore}: ${before}`, ...details, ...link].join('\n');
}
