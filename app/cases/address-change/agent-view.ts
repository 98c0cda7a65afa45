import { getClauseTitle } from '~/policy/policy-page';
import type { AgentKindParts, AgentPartsContext } from '../agent-case-view';
import { toAddressLine } from './address-text';
import type { AddressChangeDetails } from './details';

const TEXT = {
  en: { title: (from: string, to: string) => `Shipping address: ${from} → ${to}`, verified: 'the code sent to the order’s email was checked' },
  fr: { title: (from: string, to: string) => `Adresse de livraison : ${from} → ${to}`, verified: 'le code envoyé à l’e-mail de la commande a été vérifié' },
} as const;

/**
 * The address change's part of the agent page: one line, the old address → the new one, with the
 * code check as its reason and the clause. Nothing is refunded and nothing travels back.
 */
export function toAddressChangeAgentParts(found: { state: string; details: AddressChangeDetails }, context: AgentPartsContext): AgentKindParts {
  const { details } = found;
  const text = TEXT[context.language === 'fr' ? 'fr' : 'en'];
  const decision = found.state === 'completed' ? 'approved' : found.state === 'declined' ? 'declined' : found.state === 'needs_review' ? 'needs_review' : 'approved';
  const currencyCode = context.order?.total.currencyCode;
  return {
    lines: [{
      key: 'shipping-address',
      title: text.title(toAddressLine(details.oldAddress), toAddressLine(details.newAddress)),
      variantTitle: null, sku: null, image: null, quantity: 1,
      reason: text.verified, note: null,
      policyDecision: 'approved', decision,
      clauses: [{ id: details.clauseId, title: getClauseTitle(context.policy, details.clauseId, context.language) }],
      photoUrls: [], exchange: null,
    }],
    movesMoney: false,
    refundMethod: null,
    refunded: true,
    fees: null,
    // Nothing is refunded: zero in the order's currency, when the order could be read.
    estimatedRefund: currencyCode ? { amount: '0.00', currencyCode } : null,
    shipping: null,
  };
}
