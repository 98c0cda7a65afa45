import type { Language } from '~/i18n';
import { getReasonConditions, type Amount, type Policy, type PolicyFile } from './policy-schema';
import { EU_WITHDRAWAL_DAYS } from './eu-guardrail';

/** `{{windowDays}}`, `{{fee.defective}}`: the numbers a clause text may quote from the rules. */
export const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

export type PolicyClauseView = {
  id: string;
  title: string;
  text: string;
  items: string[];
  /** Under the conditions clause: what each reason asks to confirm (none: photos tell instead). */
  checks: { reason: string; conditions: string[] }[];
};
export type PolicySectionView = { id: string; title: string; clauses: PolicyClauseView[] };
export type PolicyPageView = {
  version: string;
  storeName: string;
  title: string;
  sections: PolicySectionView[];
};

function formatMoney(amount: string, currencyCode: string, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: currencyCode }).format(Number(amount));
}

function formatPercent(percent: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

function formatCountries(codes: string[], language: Language): string {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(codes.map((code) => names.of(code) ?? code));
}

/** A fixed amount as the page shows it: in the store currency, the one every amount must name. */
function storeAmount(amount: string | Record<string, string>, file: PolicyFile, language: Language): string {
  const value = typeof amount === 'string' ? amount : amount[file.store.currency];
  return value === undefined ? '' : formatMoney(value, file.store.currency, language);
}

/**
 * Every value a clause text may interpolate, formatted for one language. A placeholder whose
 * rule is absent (no keep-item threshold, say) has no variable, so the loader refuses it.
 */
export function getPolicyVariables(file: PolicyFile, language: Language): Record<string, string> {
  const variables: Record<string, string> = {
    storeName: file.store.name,
    shipsTo: formatCountries(file.store.shipsTo, language),
    windowDays: String(file.window.days),
    transitDays: String(file.window.transitDays),
    euWithdrawalDays: String(EU_WITHDRAWAL_DAYS),
    bonusPercent: formatPercent(file.refunds.storeCredit.bonusPercent, language),
    restockingFeePercent: formatPercent(file.refunds.restockingFee.percent, language),
    reviewPeriodDays: String(file.review.periodDays),
  };
  if (file.review.maxOrderValue !== undefined) {
    variables.maxOrderValue = storeAmount(file.review.maxOrderValue, file, language);
  }
  if (file.review.maxPreviousReturns !== undefined) {
    variables.maxPreviousReturns = String(file.review.maxPreviousReturns);
  }
  if (file.keepItem) variables.keepItemBelow = storeAmount(file.keepItem.below, file, language);
  if (file.exchanges) {
    variables.exchangePriceRangePercent = formatPercent(file.exchanges.acrossProducts.priceRangePercent, language);
    variables.exchangeLowStockAt = String(file.exchanges.lowStockAt);
    if (file.exchanges.ship.instantBelow !== undefined) variables.instantExchangeBelow = storeAmount(file.exchanges.ship.instantBelow, file, language);
  }
  if (file.cancellation) {
    variables.cancellationWindowHours = String(file.cancellation.windowHours);
    variables.cancellationReviewHours = String(file.cancellation.reviewWindowHours);
    if (file.cancellation.maxValue !== undefined) variables.cancellationMaxValue = storeAmount(file.cancellation.maxValue, file, language);
  }
  if (file.addressChange) variables.addressChangeWindowHours = String(file.addressChange.windowHours);
  // `{{problems.damaged.photos}}`, `{{problems.notReceived.maxValue}}`: every number of a problem rule.
  const { clause: _, ...problemRules } = file.problems ?? { clause: '' };
  for (const [name, rule] of Object.entries(problemRules)) {
    for (const [field, value] of Object.entries(rule ?? {})) {
      if (typeof value === 'number') variables[`problems.${name}.${field}`] = String(value);
      if (field === 'maxValue') variables[`problems.${name}.maxValue`] = storeAmount(value as Amount, file, language);
    }
  }
  for (const reason of file.reasons) {
    variables[`photos.${reason.id}`] = String(reason.photos);
    if (reason.returnShipping.fee !== undefined) {
      variables[`fee.${reason.id}`] = storeAmount(reason.returnShipping.fee, file, language);
    }
  }
  return variables;
}

/** Replaces known placeholders; an unknown one stays visible rather than vanishing. */
export function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => variables[name] ?? whole);
}

/** Lists a clause shows under its text: the conditions to confirm, the reasons it governs. */
function listItems(file: PolicyFile, clauseId: string, language: Language): string[] {
  if (file.conditions.clause === clauseId) return file.conditions.items.map((item) => item.label[language]);
  return file.reasons.filter((reason) => reason.clause === clauseId).map((reason) => reason.label[language]);
}

/** The conditions clause says which checks each reason asks for; other clauses list none. */
function reasonChecks(file: PolicyFile, clauseId: string, language: Language): PolicyClauseView['checks'] {
  if (file.conditions.clause !== clauseId) return [];
  const labels = new Map(file.conditions.items.map((item) => [item.id, item.label[language]]));
  return file.reasons.map((reason) => ({ reason: reason.label[language], conditions: getReasonConditions(file, reason.id).map((id) => labels.get(id) ?? id) }));
}

/**
 * The public policy page in one language: sections and clauses in file order, with the rules'
 * numbers (days, percentages, fees) written into the texts, and the policy version to show.
 */
export function toPolicyPageView(policy: Policy, language: Language): PolicyPageView {
  const variables = getPolicyVariables(policy, language);
  return {
    version: policy.version,
    storeName: policy.store.name,
    title: interpolate(policy.title[language], variables),
    sections: policy.sections.map((section) => ({
      id: section.id,
      title: interpolate(section.title[language], variables),
      clauses: section.clauses.map((clause) => ({
        id: clause.id,
        title: interpolate(clause.title[language], variables),
        text: interpolate(clause.text[language], variables),
        items: listItems(policy, clause.id, language),
        checks: reasonChecks(policy, clause.id, language),
      })),
    })),
  };
}

/** The clause title for a refusal ("Final sale — clause 3.2"), or null for an unknown id. */
export function getClauseTitle(policy: PolicyFile, clauseId: string, language: Language): string | null {
  for (const section of policy.sections) {
    const clause = section.clauses.find((candidate) => candidate.id === clauseId);
    // With the rules' numbers in it, as on the policy page ("Cancel within 12 hours").
    if (clause) return clause.title[language].includes('{{') ? interpolate(clause.title[language], getPolicyVariables(policy, language)) : clause.title[language];
  }
  return null;
}
