import { z } from 'zod';
import type { Amount } from './policy-schema';

/**
 * The `problems` section of a policy file: what a shopper may report about a parcel, and what
 * the store offers for each report. A rule left out means that report is not offered online.
 *
 * Which reports exist, and why:
 * - `notReceived`: a parcel that should be here by now, or that the carrier says it could not deliver;
 * - `deliveredNotFound`: the carrier says delivered, the shopper cannot find it. Kept apart from
 *   `notReceived` because a delivery scan stands against the report: a person always decides;
 * - `missingItem`, `damaged`, `wrongItem`: per line of a delivered parcel;
 * - `deliveryQuestion`: a message to the team about a parcel still on its way.
 */

export const PROBLEM_OFFERS = ['reship', 'refund', 'store_credit', 'review'] as const;
export type ProblemOutcome = (typeof PROBLEM_OFFERS)[number];

const DaysSchema = z.int().min(0).max(365);

/** The clause and amount schemas come from policy-schema.ts, which imports this file: taking them here avoids an import cycle. */
type Primitives = { clause: z.ZodType<string>; amount: z.ZodType<Amount> };

export function createProblemsSchema({ clause, amount }: Primitives) {
  const offer = z.enum(PROBLEM_OFFERS, 'must be reship, refund, store_credit or review');
  /** Reports about items in a delivered parcel. */
  const itemRule = z.strictObject({
    clause,
    offer,
    /** Photos the shopper must add to the report. */
    photos: z.int().min(0).max(10).default(0),
    /** Day 0 is the delivery day on the store's calendar; open until the end of day N. Left out: no limit. */
    reportWithinDays: DaysSchema.min(1).optional(),
    /** Reports worth more than this go to review (equal to it: still the offer). */
    maxValue: amount.optional(),
  });
  return z.strictObject({
    /** The clause that introduces problem reports: quoted when a report is not offered at all. */
    clause,
    notReceived: z.strictObject({
      clause,
      offer,
      /**
       * Days after the expected delivery day during which the parcel is still awaited. The
       * expected day is the carrier's estimate, or the shipping day plus `transitDays`.
       */
      graceDays: DaysSchema.max(60),
      transitDays: DaysSchema.max(60),
      /** After a delivery attempt or a cancelled shipment, the days the carrier gets to sort it out. */
      carrierIssueDays: DaysSchema.max(60).default(7),
      maxValue: amount.optional(),
    }).optional(),
    /** Always reviewed: a delivery scan stands against the report. */
    deliveredNotFound: z.strictObject({ clause, reportWithinDays: DaysSchema.min(1) }).optional(),
    missingItem: itemRule.optional(),
    damaged: itemRule.optional(),
    wrongItem: itemRule.optional(),
    /** A message to the team, always reviewed: only its clause. */
    deliveryQuestion: z.strictObject({ clause }).optional(),
  });
}

export type ProblemsPolicy = z.infer<ReturnType<typeof createProblemsSchema>>;
export type ProblemRuleName = Exclude<keyof ProblemsPolicy, 'clause'>;
export type ItemProblemRule = NonNullable<ProblemsPolicy['damaged']>;

type Path = (string | number)[];

/** Every clause the section names, for the loader's check that a section defines each one. */
export function listProblemClauses(problems: ProblemsPolicy | undefined): Array<[Path, string]> {
  if (!problems) return [];
  const { clause, ...rules } = problems;
  const references: Array<[Path, string]> = [[['problems', 'clause'], clause]];
  for (const [name, rule] of Object.entries(rules)) {
    if (rule) references.push([['problems', name, 'clause'], rule.clause]);
  }
  return references;
}

/** Every amount the section names, for the loader's check that each has the store currency. */
export function listProblemAmounts(problems: ProblemsPolicy | undefined): Array<[Path, Amount]> {
  if (!problems) return [];
  const { clause: _, ...rules } = problems;
  return Object.entries(rules).flatMap(([name, rule]): Array<[Path, Amount]> =>
    rule && 'maxValue' in rule && rule.maxValue !== undefined ? [[['problems', name, 'maxValue'], rule.maxValue]] : []);
}

/** The rules offering store credit, which `refunds.storeCredit` must enable. */
export function listProblemStoreCreditRules(problems: ProblemsPolicy | undefined): ProblemRuleName[] {
  if (!problems) return [];
  const { clause: _, ...rules } = problems;
  return (Object.keys(rules) as ProblemRuleName[]).filter((name) => {
    const rule = rules[name];
    return rule !== undefined && 'offer' in rule && rule.offer === 'store_credit';
  });
}
