import type { Money } from '~/orders/types';
import type { ExchangeOffer, ExchangeOption, Settlement } from '~/policy/exchange-options';
import { toMinorUnits, toMoney } from '~/policy/money';
import type { DraftLine, ReturnDraft } from '../drafts/return-draft';

/*
 * The shopper's exchange choices against the offers the policy and Shopify's stock make now.
 * Pure: the offers are computed by the caller (exchange-offers.server.ts) for each chosen line,
 * with that line's quantity, so "only 1 left" for two units is not enough.
 */

/** The offer of each chosen line whose reason allows exchanges, by fulfillment line id. */
export type LineOffers = ReadonlyMap<string, ExchangeOffer>;

/** What the refund step posts per line: `refund`, or the id of the variant wanted instead. */
export type OutcomeAnswer = { lineId: string; choice: string | null };

/** The option of an offer with this variant id, among the same product's and the others'. */
export function findOption(offer: ExchangeOffer | undefined, variantId: string): ExchangeOption | null {
  if (!offer?.offered) return null;
  return [...offer.sameProduct, ...offer.otherProducts].find((option) => option.variantId === variantId) ?? null;
}

/**
 * The refund step: each line keeps its exchange choice or drops it. A variant no offer names (a
 * forged post, or a product gone since the page was drawn) is refused by name, and the line goes
 * back to a refund so nothing unoffered is kept; a sold-out one is kept so the page can say so.
 */
export function applyOutcomes(draft: ReturnDraft, answers: readonly OutcomeAnswer[], offers: LineOffers): { draft: ReturnDraft; errors: Record<string, string[]> } {
  const lines = { ...draft.lines };
  const errors: Record<string, string[]> = {};
  for (const answer of answers) {
    const line = lines[answer.lineId];
    if (!line) continue;
    if (answer.choice === null || answer.choice === 'refund') {
      lines[answer.lineId] = { ...line, exchange: null };
      continue;
    }
    const option = findOption(offers.get(answer.lineId), answer.choice);
    if (!option) errors[answer.lineId] = ['policy:exchange.noLongerOffered'];
    lines[answer.lineId] = { ...line, exchange: option ? { productId: option.productId, variantId: option.variantId } : null };
  }
  return { draft: { ...draft, lines }, errors };
}

/** Why a line's exchange choice cannot go ahead now, as i18n keys; empty when it can. */
export function exchangeErrors(line: DraftLine, offer: ExchangeOffer | undefined): string[] {
  if (!line.exchange) return [];
  if (!offer) return ['policy:exchange.noLongerOffered'];
  if (!offer.offered) return [offer.refusal.key];
  const option = findOption(offer, line.exchange.variantId);
  if (!option) return ['policy:exchange.noLongerOffered'];
  return option.unavailable ? [option.unavailable.key] : [];
}

/** Every chosen line's exchange errors, by line id. */
export function checkExchanges(draft: ReturnDraft, offers: LineOffers): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(draft.lines)
      .map(([id, line]) => [id, exchangeErrors(line, offers.get(id))] as const)
      .filter(([, keys]) => keys.length > 0),
  );
}

/** One line going back for a new item: the option chosen and the difference for all its units. */
export type PlannedExchange = {
  fulfillmentLineItemId: string;
  quantity: number;
  option: ExchangeOption;
  /** The per-unit settlement times the units exchanged; never negative. */
  settlement: Settlement;
  clauseId: string;
};

/** The exchanges a draft asks for, each with its option as offered now; lines in error are left out. */
export function planExchanges(draft: ReturnDraft, offers: LineOffers): PlannedExchange[] {
  return Object.entries(draft.lines).flatMap(([id, line]) => {
    const offer = offers.get(id);
    if (!line.exchange || !offer?.offered || exchangeErrors(line, offer).length > 0) return [];
    const option = findOption(offer, line.exchange.variantId)!;
    const { currencyCode } = option.difference.amount;
    const amount = toMoney(toMinorUnits(option.difference.amount.amount, currencyCode) * line.quantity, currencyCode);
    return [{ fulfillmentLineItemId: id, quantity: line.quantity, option, settlement: { settle: option.difference.settle, amount }, clauseId: offer.clauseId }];
  });
}

/** The differences of all exchanges, summed per way of settling them (each sum ≥ 0). */
export function sumSettlements(planned: readonly PlannedExchange[], currencyCode: string): Record<'invoice' | 'refund' | 'store_credit' | 'kept', Money> {
  const sums = { invoice: 0, refund: 0, store_credit: 0, kept: 0 };
  for (const { settlement } of planned) {
    if (settlement.settle !== 'none') sums[settlement.settle] += toMinorUnits(settlement.amount.amount, currencyCode);
  }
  return {
    invoice: toMoney(sums.invoice, currencyCode),
    refund: toMoney(sums.refund, currencyCode),
    store_credit: toMoney(sums.store_credit, currencyCode),
    kept: toMoney(sums.kept, currencyCode),
  };
}
