import type { CaseKindDefinition } from '../kind';
import { toAddressChangeAgentParts } from './agent-view';
import { AddressChangeDetailsSchema, type AddressChangeDetails } from './details';
import { createAddressChangeExecutor } from './execute.server';
import { ADDRESS_CHANGE_TEXT, toAddressChangeNoteSections } from './notes';
import { toAddressChangeShopperView, type AddressChangeShopperView } from './shopper-view';

/** An address change: the order's shipping address replaced before anything ships, after a code sent to the order's email. */
export const addressChangeKind: CaseKindDefinition<'address_change', AddressChangeDetails, AddressChangeShopperView> = {
  kind: 'address_change',
  details: AddressChangeDetailsSchema,
  // At once: received → completed (or to the team when Shopify refuses or the order started
  // shipping). An agent who approves from review has the executor write it.
  transitions: {
    received: ['completed'],
    approved: ['completed', 'needs_review'],
  },
  execute: createAddressChangeExecutor,
  text: ADDRESS_CHANGE_TEXT,
  shopperEvents: new Set(['address_changed', 'store_refused', 'store_unreachable', 'order_shipped_first']),
  agentEvents: new Set(['store_refused', 'store_unreachable', 'order_shipped_first']),
  policyVerdict: () => 'approved',
  tags: ({ details }) => (details.oldAddress.countryCode && details.oldAddress.countryCode !== details.newAddress.countryCode ? ['address-other-country'] : []),
  summary: () => ({ label: 'address_change', items: [], estimatedRefund: null }),
  shopperView: toAddressChangeShopperView,
  parcelLines: () => [],
  lineItemIds: () => [],
  photos: () => [],
  agentParts: toAddressChangeAgentParts,
  noteSections: ({ details }, context, language) => toAddressChangeNoteSections(details, context, language),
};
