import { supportedLanguages } from '~/i18n';
import type { Amount, PolicyFile } from './policy-schema';
import { findCancellationGuardrailViolations, findGuardrailViolations, findProblemsGuardrailViolations, listEuUkDestinations } from './eu-guardrail';
import { PLACEHOLDER, getPolicyVariables } from './policy-page';
import { listProblemAmounts, listProblemClauses, listProblemStoreCreditRules } from './problems-schema';

/** A problem in a policy file, with the path of the field at fault. */
export type PolicyIssue = { path: (string | number)[]; message: string };

function collectClauseReferences(file: PolicyFile): Array<[PolicyIssue['path'], string]> {
  const references: Array<[PolicyIssue['path'], string]> = [
    [['scope', 'clause'], file.scope.clause],
    [['window', 'clause'], file.window.clause],
    [['giftCards', 'clause'], file.giftCards.clause],
    [['conditions', 'clause'], file.conditions.clause],
    [['refunds', 'clause'], file.refunds.clause],
    [['review', 'clause'], file.review.clause],
  ];
  file.exclusions.forEach((rule, i) => references.push([['exclusions', i, 'clause'], rule.clause]));
  file.reasons.forEach((reason, i) => references.push([['reasons', i, 'clause'], reason.clause]));
  if (file.keepItem) references.push([['keepItem', 'clause'], file.keepItem.clause]);
  if (file.exchanges) references.push([['exchanges', 'clause'], file.exchanges.clause]);
  if (file.cancellation) {
    references.push([['cancellation', 'clause'], file.cancellation.clause]);
    file.cancellation.excludedTags.forEach((rule, i) => references.push([['cancellation', 'excludedTags', i, 'clause'], rule.clause]));
  }
  if (file.addressChange) {
    references.push([['addressChange', 'clause'], file.addressChange.clause]);
    file.addressChange.excludedTags.forEach((rule, i) => references.push([['addressChange', 'excludedTags', i, 'clause'], rule.clause]));
  }
  references.push(...listProblemClauses(file.problems));
  return references;
}

function collectAmounts(file: PolicyFile): Array<[PolicyIssue['path'], Amount]> {
  const amounts: Array<[PolicyIssue['path'], Amount | undefined]> = [
    [['review', 'maxOrderValue'], file.review.maxOrderValue],
    [['keepItem', 'below'], file.keepItem?.below],
    [['exchanges', 'ship', 'instantBelow'], file.exchanges?.ship.instantBelow],
    [['cancellation', 'maxValue'], file.cancellation?.maxValue],
    ...file.reasons.map((r, i): [PolicyIssue['path'], Amount | undefined] => [['reasons', i, 'returnShipping', 'fee'], r.returnShipping.fee]),
    ...listProblemAmounts(file.problems),
  ];
  return amounts.filter((entry): entry is [PolicyIssue['path'], Amount] => entry[1] !== undefined);
}

function checkClauses(file: PolicyFile, issues: PolicyIssue[]): void {
  const clauseIds = new Set<string>();
  const sectionIds = new Set<string>();
  file.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) issues.push({ path: ['sections', s, 'id'], message: `section "${section.id}" appears twice` });
    sectionIds.add(section.id);
    section.clauses.forEach((clause, c) => {
      const path = ['sections', s, 'clauses', c, 'id'];
      if (clauseIds.has(clause.id)) issues.push({ path, message: `clause "${clause.id}" appears twice` });
      if (!clause.id.startsWith(`${section.id}.`)) issues.push({ path, message: `clause "${clause.id}" must start with its section number "${section.id}."` });
      clauseIds.add(clause.id);
    });
  });
  for (const [path, id] of collectClauseReferences(file)) {
    if (!clauseIds.has(id)) issues.push({ path, message: `names clause "${id}", which no section defines` });
  }
}

function checkPlaceholders(file: PolicyFile, issues: PolicyIssue[]): void {
  const known = getPolicyVariables(file, 'en');
  const check = (text: string, path: PolicyIssue['path']) => {
    for (const [, name] of text.matchAll(PLACEHOLDER)) {
      if (name !== undefined && !(name in known)) issues.push({ path, message: `{{${name}}} is not a value this policy defines` });
    }
  };
  file.sections.forEach((section, s) => section.clauses.forEach((clause, c) => {
    for (const language of supportedLanguages) {
      check(clause.text[language], ['sections', s, 'clauses', c, 'text', language]);
      check(clause.title[language], ['sections', s, 'clauses', c, 'title', language]);
    }
  }));
}

function checkRules(file: PolicyFile, issues: PolicyIssue[]): void {
  const { originalPayment, storeCredit } = file.refunds;
  if (!originalPayment && !storeCredit.enabled) {
    issues.push({ path: ['refunds'], message: 'offers no way to refund: enable originalPayment or storeCredit' });
  }
  const reasonIds = new Set<string>();
  file.reasons.forEach((reason, i) => {
    if (reasonIds.has(reason.id)) issues.push({ path: ['reasons', i, 'id'], message: `reason "${reason.id}" appears twice` });
    reasonIds.add(reason.id);
    if (reason.returnShipping.paidBy === 'customer' && reason.returnShipping.fee === undefined) {
      issues.push({ path: ['reasons', i, 'returnShipping', 'fee'], message: 'is required when the customer pays the return shipping' });
    }
    if (reason.outcomes.includes('store_credit') && !storeCredit.enabled) {
      issues.push({ path: ['reasons', i, 'outcomes'], message: 'offers store credit, which refunds.storeCredit does not enable' });
    }
  });
  for (const name of listProblemStoreCreditRules(file.problems)) {
    if (!storeCredit.enabled) issues.push({ path: ['problems', name, 'offer'], message: 'offers store credit, which refunds.storeCredit does not enable' });
  }
  for (const [path, amount] of collectAmounts(file)) {
    if (typeof amount !== 'string' && amount[file.store.currency] === undefined) {
      issues.push({ path, message: `must give an amount in the store currency ${file.store.currency}` });
    }
  }
}

/**
 * Rules zod cannot see field by field: clause references, duplicates, placeholders, and the
 * EU/UK guardrail when the store ships there. An empty list means the policy can be published.
 */
export function checkPolicyFile(file: PolicyFile): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  checkClauses(file, issues);
  checkRules(file, issues);
  checkPlaceholders(file, issues);
  const destinations = listEuUkDestinations(file);
  if (destinations.length > 0) {
    for (const violation of [...findGuardrailViolations(file), ...findCancellationGuardrailViolations(file), ...findProblemsGuardrailViolations(file)]) {
      issues.push({ path: violation.path, message: `ships to ${destinations.join(', ')}: ${violation.message}` });
    }
  }
  return issues;
}
