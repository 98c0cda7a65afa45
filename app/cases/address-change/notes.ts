import { getClauseTitle } from '~/policy/policy-page';
import type { KindText, NoteContext, TextLanguage } from '../kind';
import { toAddressLine } from './address-text';
import type { AddressChangeDetails } from './details';

/*
 * What agents read about an address change on its Gorgias ticket. Like the rest of the agent
 * notes (helpdesk/agent-notes.ts), the wording lives in code: agents never see it in the browser.
 */

const addressOf = (data: Record<string, unknown>) => (typeof data['address'] === 'string' ? data['address'] : null);

export const ADDRESS_CHANGE_TEXT: Record<TextLanguage, KindText> = {
  en: {
    label: 'Address change',
    request: 'address change',
    events: {
      'shopify.address_update_sent': 'New shipping address sent to Shopify (orderUpdate)',
      address_changed: 'Shipping address changed in Shopify (orderUpdate)',
      store_refused: 'Shopify refused the new address; the case needs review',
      store_unreachable: 'Shopify could not be reached after many attempts; the case needs review',
      order_shipped_first: 'The order started shipping before the address was changed: nothing was written to Shopify; the case needs review',
    },
    decidedHere: {},
    eventLines: (type, data) => {
      if (type === 'address_changed') return [`Now: ${addressOf(data) ?? '—'}`];
      if (type === 'store_refused') return [`Shopify: ${[data['messages']].flat().join('; ')}`];
      return null;
    },
  },
  fr: {
    label: 'Changement d’adresse',
    request: 'changement d’adresse',
    events: {
      'shopify.address_update_sent': 'Nouvelle adresse de livraison envoyée à Shopify (orderUpdate)',
      address_changed: 'Adresse de livraison modifiée dans Shopify (orderUpdate)',
      store_refused: 'Shopify a refusé la nouvelle adresse ; le dossier est à examiner',
      store_unreachable: 'Shopify injoignable après de nombreux essais ; le dossier est à examiner',
      order_shipped_first: 'La commande est partie en préparation ou en livraison avant le changement : rien n’a été écrit dans Shopify ; le dossier est à examiner',
    },
    decidedHere: {},
    eventLines: (type, data) => {
      if (type === 'address_changed') return [`Désormais : ${addressOf(data) ?? '—'}`];
      if (type === 'store_refused') return [`Shopify : ${[data['messages']].flat().join(' ; ')}`];
      return null;
    },
  },
};

const SECTION_TEXT = {
  en: {
    from: 'Old shipping address', to: 'New shipping address',
    code: (at: string) => `Verified: the code sent to the order's email was checked (${at} UTC)`,
    outcome: 'Changed in Shopify at once (within the policy’s window)', clause: 'clause',
  },
  fr: {
    from: 'Ancienne adresse de livraison', to: 'Nouvelle adresse de livraison',
    code: (at: string) => `Vérifié : le code envoyé à l’e-mail de la commande a été saisi correctement (${at} UTC)`,
    outcome: 'Modifiée dans Shopify immédiatement (dans le délai de la politique)', clause: 'clause',
  },
} as const;

/** The address change's part of the first note: old → new address and the code check, then the clause. */
export function toAddressChangeNoteSections(details: AddressChangeDetails, context: NoteContext, language: TextLanguage): { subject: string[]; outcome: string[] } {
  const text = SECTION_TEXT[language];
  const title = getClauseTitle(context.policy, details.clauseId, language);
  // French sets a space before the colon.
  const colon = language === 'fr' ? ' :' : ':';
  return {
    subject: [
      `${text.from}${colon} ${toAddressLine(details.oldAddress)}`,
      `→ ${text.to}${colon} ${toAddressLine(details.newAddress)}`,
      text.code(details.codeCheckedAt.slice(0, 16).replace('T', ' ')),
    ],
    outcome: [`→ ${text.outcome} (${text.clause} ${title ? `${details.clauseId} ${title}` : details.clauseId})`],
  };
}
