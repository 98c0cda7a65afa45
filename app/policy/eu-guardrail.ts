import type { PolicyFile } from './policy-schema';

/**
 * EU and UK consumer law (Directive 2011/83/EU art. 9 and 13; the UK's Consumer Contracts
 * Regulations 2013) give a distance buyer 14 days from delivery to withdraw, refunded by the
 * means they paid with. EEA members outside the EU (Iceland, Liechtenstein, Norway) apply the
 * same directive, so they are covered too.
 */
export const EU_WITHDRAWAL_DAYS = 14;

const EU_UK_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB',
]);

/** True for a country where the 14-day right of withdrawal applies. */
export function isEuOrUk(countryCode: string | null): boolean {
  return countryCode !== null && EU_UK_COUNTRIES.has(countryCode.toUpperCase());
}

export type GuardrailViolation = { path: (string | number)[]; message: string };

/**
 * What in a policy falls short of the EU/UK minimum, as issues naming the offending field.
 * Checked at load when the policy ships to any EU/UK country, and again by the engine for an
 * order whose address is in the EU/UK (an order can ship where the file never said it would).
 */
export function findGuardrailViolations(policy: PolicyFile): GuardrailViolation[] {
  const violations: GuardrailViolation[] = [];
  const law = `EU and UK law give shoppers ${EU_WITHDRAWAL_DAYS} days after delivery to return an order`;
  if (policy.window.days < EU_WITHDRAWAL_DAYS) {
    violations.push({ path: ['window', 'days'], message: `${law}; this policy gives ${policy.window.days}` });
  }
  if (policy.window.countFrom[0] !== 'delivery') {
    violations.push({
      path: ['window', 'countFrom'],
      message: `${law}, so the window must be counted from delivery first (fulfillment and order date only as fallbacks)`,
    });
  }
  if (!policy.refunds.originalPayment) {
    violations.push({
      path: ['refunds', 'originalPayment'],
      message: 'EU and UK law require a refund by the original means of payment; this policy offers only store credit',
    });
  }
  if (!policy.reasons.some((reason) => reason.outcomes.includes('refund'))) {
    violations.push({
      path: ['reasons'],
      message: 'EU and UK law require a refund; at least one return reason must allow the "refund" outcome',
    });
  }
  return violations;
}

/**
 * Cancelling before delivery is a withdrawal too, so its refund goes back the way the shopper
 * paid (Directive 2011/83/EU art. 13): store credit may be offered, never imposed. Kept apart
 * from the return rules, whose violations send EU/UK returns to review.
 */
export function findCancellationGuardrailViolations(policy: PolicyFile): GuardrailViolation[] {
  if (policy.cancellation?.refundMethod !== 'store_credit') return [];
  return [{
    path: ['cancellation', 'refundMethod'],
    message: 'EU and UK law require a cancelled order to be refunded by the original means of payment; use original_payment or shopper_choice',
  }];
}

/**
 * A damaged or wrong item does not conform to the contract, and the legal guarantee of
 * conformity (Directive (EU) 2019/771 art. 13; the UK's Consumer Rights Act 2015 s. 19) owes a
 * remedy: a replacement, or money back. A store with problem reports must offer one for both,
 * and store credit alone is not one. Reports past the store's own window go to review for
 * EU/UK orders, never refused (the guarantee runs two years).
 */
export function findProblemsGuardrailViolations(policy: PolicyFile): GuardrailViolation[] {
  if (!policy.problems) return [];
  const law = 'EU and UK law owe a remedy (replacement or refund) for an item that does not conform';
  return (['damaged', 'wrongItem'] as const).flatMap((name): GuardrailViolation[] => {
    const rule = policy.problems?.[name];
    if (!rule) return [{ path: ['problems', name], message: `${law}; add a ${name} rule` }];
    if (rule.offer === 'store_credit') return [{ path: ['problems', name, 'offer'], message: `${law}; store credit alone is not one: use reship, refund or review` }];
    return [];
  });
}

/** The EU/UK countries a policy ships to, for the load-time guardrail and its message. */
export function listEuUkDestinations(policy: PolicyFile): string[] {
  return policy.store.shipsTo.filter((country) => isEuOrUk(country));
}
