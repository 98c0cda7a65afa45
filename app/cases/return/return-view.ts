import type { Language } from '~/i18n';
import type { Money } from '~/orders/types';
import type { DecisionReason, LineDecision } from '~/policy/decide-return';
import { getClauseTitle, getPolicyVariables, interpolate } from '~/policy/policy-page';
import { getReasonConditions, type Policy } from '~/policy/policy-schema';
import type { ReturnQuote } from '~/policy/quote-return';
import { exchangeShipsWhen, type Settlement } from '~/policy/exchange-options';
import { toMinorUnits, toMoney } from '~/policy/money';
import { sumSettlements, type PlannedExchange } from './exchange-choice';
import type { PreparedReturn } from './return-request';

/** A refusal or review reason ready to print: i18n key and facts, plus the clause it rests on. */
export type ReasonView = DecisionReason & { clauseTitle: string | null };

export type ReturnLineView = {
  fulfillmentLineItemId: string;
  title: string;
  variantTitle: string | null;
  image: { url: string; altText: string | null } | null;
  unitPrice: Money;
  returnableQuantity: number;
  decision: LineDecision;
  reasons: ReasonView[];
  nextBest: string[];
  /** 'YYYY-MM-DD' on the store's calendar. */
  lastDay: string | null;
};

export type ReturnFormView = {
  policyVersion: string;
  lines: ReturnLineView[];
  /** Each reason with the photos it needs and the condition checks it asks for (policy). */
  reasons: { id: string; label: string; photos: number; conditions: { id: string; label: string }[] }[];
  conditions: { id: string; label: string }[];
  refundMethods: { id: 'original_payment' | 'store_credit'; bonusPercent: number }[];
};

/** A clause's title with the policy's numbers filled in ("30 days from delivery"). */
function clauseTitle(policy: Policy, clauseId: string, language: Language): string | null {
  const title = getClauseTitle(policy, clauseId, language);
  return title === null ? null : interpolate(title, getPolicyVariables(policy, language));
}

const withClause = (policy: Policy, language: Language) => (reason: DecisionReason): ReasonView => ({
  ...reason,
  clauseTitle: clauseTitle(policy, reason.clauseId, language),
});

/** What the return form shows: every line with the policy's verdict, and the policy's choices. */
export function toReturnFormView(prepared: PreparedReturn, policy: Policy, language: Language): ReturnFormView {
  const byId = new Map(prepared.context.lines.map((line) => [line.fulfillmentLineItemId, line]));
  return {
    policyVersion: policy.version,
    lines: prepared.decision.lines.map((verdict) => {
      const line = byId.get(verdict.fulfillmentLineItemId);
      return {
        fulfillmentLineItemId: verdict.fulfillmentLineItemId,
        title: verdict.title,
        variantTitle: line?.variantTitle ?? null,
        image: line?.image ?? null,
        unitPrice: verdict.unitPrice,
        returnableQuantity: verdict.returnableQuantity,
        decision: verdict.decision,
        reasons: verdict.reasons.map(withClause(policy, language)),
        nextBest: verdict.nextBest,
        lastDay: verdict.window?.isOpen ? verdict.window.lastDay : null,
      };
    }),
    reasons: policy.reasons.map((reason) => ({
      id: reason.id,
      label: reason.label[language],
      photos: reason.photos,
      conditions: getReasonConditions(policy, reason.id).map((id) => ({ id, label: policy.conditions.items.find((item) => item.id === id)!.label[language] })),
    })),
    conditions: policy.conditions.items.map((item) => ({ id: item.id, label: item.label[language] })),
    refundMethods: [
      ...(policy.refunds.originalPayment ? [{ id: 'original_payment' as const, bonusPercent: 0 }] : []),
      ...(policy.refunds.storeCredit.enabled ? [{ id: 'store_credit' as const, bonusPercent: policy.refunds.storeCredit.bonusPercent }] : []),
    ],
  };
}

/** What an exchange line sends the shopper instead, and how the price difference is settled. */
export type ExchangeReviewView = { productTitle: string; variantTitle: string; unitPrice: Money; settle: Settlement['settle']; difference: Money };

export type ReturnReviewView = {
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; reason: string; fee: Money; estimatedRefund: Money; exchange: ExchangeReviewView | null }[];
  totals: ReturnQuote['totals'];
  /** The exchanges' price differences, summed per way of settling them. */
  settlements: Record<'invoice' | 'refund' | 'store_credit' | 'kept', Money>;
  /** When exchanged items ship (the policy's exchanges.ship), when any line is exchanged. */
  exchangeShips: 'now' | 'in_transit' | 'received' | null;
  needsReview: boolean;
  keepItems: boolean;
  reviewReasons: ReasonView[];
  clauses: { id: string; title: string | null }[];
};

const sumMoney = (amounts: Money[], currencyCode: string): Money =>
  toMoney(amounts.reduce((sum, money) => sum + toMinorUnits(money.amount, currencyCode), 0), currencyCode);

const toExchangeReview = (planned: PlannedExchange | undefined): ExchangeReviewView | null =>
  planned
    ? { productTitle: planned.option.productTitle, variantTitle: planned.option.variantTitle, unitPrice: planned.option.price, settle: planned.settlement.settle, difference: planned.settlement.amount }
    : null;

/** The review step: prices per line, totals, and the clauses behind them. */
export function toReturnReviewView(quote: ReturnQuote, view: ReturnFormView, policy: Policy, language: Language, exchanges: readonly PlannedExchange[], orderTotal: Money): ReturnReviewView {
  const exchangeOf = new Map(exchanges.map((planned) => [planned.fulfillmentLineItemId, planned]));
  const titles = new Map(view.lines.map((line) => [line.fulfillmentLineItemId, line.title]));
  const reasonLabels = new Map(view.reasons.map((reason) => [reason.id, reason.label]));
  const clauseIds = new Set([
    ...quote.lines.map((line) => policy.reasons.find((reason) => reason.id === line.reasonId)?.clause ?? ''),
    policy.window.clause,
    policy.refunds.clause,
    ...quote.reviewReasons.map((reason) => reason.clauseId),
    // The shopper keeps the items: the clause that says so is one the review applies.
    ...(quote.keepItems && policy.keepItem ? [policy.keepItem.clause] : []),
    ...exchanges.map((planned) => planned.clauseId),
  ]);
  clauseIds.delete('');
  return {
    lines: quote.lines.map((line) => ({
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      title: titles.get(line.fulfillmentLineItemId) ?? '',
      quantity: line.quantity,
      reason: reasonLabels.get(line.reasonId) ?? line.reasonId,
      fee: line.fee,
      estimatedRefund: line.estimatedRefund,
      exchange: toExchangeReview(line.outcome === 'exchange' ? exchangeOf.get(line.fulfillmentLineItemId) : undefined),
    })),
    // The items' value is that of the items refunded: an exchanged item's goes to its new one.
    totals: { ...quote.totals, itemsValue: sumMoney(quote.lines.filter((line) => line.outcome !== 'exchange').map((line) => line.itemsValue), quote.currencyCode) },
    settlements: sumSettlements(exchanges, quote.currencyCode),
    exchangeShips: exchanges.length > 0 && policy.exchanges ? exchangeShipsWhen(policy.exchanges, orderTotal, policy.store.currency) : null,
    needsReview: quote.needsReview,
    keepItems: quote.keepItems,
    reviewReasons: quote.reviewReasons.map(withClause(policy, language)),
    clauses: [...clauseIds].sort().map((id) => ({ id, title: clauseTitle(policy, id, language) })),
  };
}
