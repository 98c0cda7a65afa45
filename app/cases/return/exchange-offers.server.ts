import type { CatalogProduct, CatalogSource } from '~/catalog/ports';
import { offerExchange, type ExchangeOffer } from '~/policy/exchange-options';
import type { Policy } from '~/policy/policy-schema';
import type { ReturnDraft } from '../drafts/return-draft';
import type { LineOffers } from './exchange-choice';
import type { PreparedReturn } from './return-request';

export type ExchangeOfferDeps = { policy: Policy; catalog: CatalogSource };

/**
 * The exchange offer of every chosen line whose reason allows exchanges, from the store's
 * catalog now: one Shopify call per product (cached briefly unless `fresh`, as when the case is
 * sent). Lines whose reason does not allow exchanges get their refusal without a call.
 * @throws UpstreamError when Shopify cannot answer.
 */
export async function loadExchangeOffers(deps: ExchangeOfferDeps, prepared: PreparedReturn, draft: ReturnDraft, options: { fresh?: boolean } = {}): Promise<LineOffers> {
  const { policy } = deps;
  const exchanges = policy.exchanges;
  const byId = new Map(prepared.context.lines.map((line) => [line.fulfillmentLineItemId, line]));
  const catalogs = new Map<string, Promise<CatalogProduct[]>>();
  const catalogOf = (productId: string, productType: string | null) => {
    let found = catalogs.get(productId);
    if (!found) {
      found = deps.catalog
        .exchangeCatalog({ id: productId, productType }, exchanges?.acrossProducts.among ?? 'none', options)
        .then(({ product, others }) => (product ? [product, ...others] : others));
      catalogs.set(productId, found);
    }
    return found;
  };
  const entries = await Promise.all(Object.entries(draft.lines).map(async ([id, line]): Promise<[string, ExchangeOffer] | null> => {
    const bought = byId.get(id);
    if (!bought?.productId || !bought.variantId || line.reasonId === null) return null;
    const reason = policy.reasons.find((candidate) => candidate.id === line.reasonId);
    const exchanged = { productId: bought.productId, variantId: bought.variantId, unitPrice: bought.unitPrice, quantity: line.quantity, reasonId: line.reasonId };
    // Refused by the policy alone: no need to ask Shopify.
    if (!exchanges || !reason?.outcomes.includes('exchange')) return [id, offerExchange(policy, exchanged, [])];
    return [id, offerExchange(policy, exchanged, await catalogOf(bought.productId, bought.productType))];
  }));
  return new Map(entries.filter((entry): entry is [string, ExchangeOffer] => entry !== null));
}
