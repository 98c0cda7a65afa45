import type { Language } from '~/i18n';
import type { Policy } from '../policy-schema';
import { PROBLEM_TYPES, type ProblemOutcome, type ProblemType } from '../problems';
import { PROBLEM_OFFERS } from '../problems-schema';
import { listClauseTitles } from './aggregate';
import type { ReasonRef, SimulatedActions } from './simulate-actions';

/** How many orders (or parcels) one reason of one clause applies to. */
export type ReasonCount = { clauseId: string; title: string; reason: string; count: number };
export type ProblemReasonCount = ReasonCount & { type: ProblemType };

export type CancellationSummary = { instant: number; review: number; refused: number; reviews: ReasonCount[]; refusals: ReasonCount[] };
export type AddressChangeSummary = { offered: number; refused: number; refusals: ReasonCount[] };
export type ProblemsSummary = {
  parcels: number;
  /** Per problem type, the parcels it is offered for by outcome, and those it is refused for. */
  byType: Record<ProblemType, Record<ProblemOutcome, number> & { refused: number }>;
  refusals: ProblemReasonCount[];
};

/** Each section null when the policy has none: nothing of it is offered to anyone. */
export type ActionsSummary = {
  orders: number;
  cancellation: CancellationSummary | null;
  addressChange: AddressChangeSummary | null;
  problems: ProblemsSummary | null;
};

/** `policy:cancellation.refusal.shipped` → `shipped`; `policy:problems.review.question` → `question`. */
export const shortReasonKey = (key: string) => key.replace(/^policy:[A-Za-z]+\.(refusal|review)\./, '');

const byClause = (a: { clauseId: string }, b: { clauseId: string }) => a.clauseId.localeCompare(b.clauseId, 'en', { numeric: true });

/** One row per clause and reason (and problem type), the most frequent first. */
function countReasons<T extends Record<string, string>>(entries: (ReasonRef & { extra?: T })[], titles: Map<string, string>): (ReasonCount & T)[] {
  const counts = new Map<string, ReasonCount & T>();
  for (const { clauseId, key, extra } of entries) {
    const reason = shortReasonKey(key);
    const id = JSON.stringify([clauseId, reason, extra ?? {}]);
    const entry = counts.get(id) ?? ({ clauseId, title: titles.get(clauseId) ?? '?', reason, count: 0, ...extra } as ReasonCount & T);
    entry.count += 1;
    counts.set(id, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || byClause(a, b) || a.reason.localeCompare(b.reason));
}

function summarizeCancellation(results: SimulatedActions[], titles: Map<string, string>): CancellationSummary {
  const verdicts = results.map((result) => result.cancellation);
  return {
    instant: verdicts.filter((v) => v.verdict === 'instant').length,
    review: verdicts.filter((v) => v.verdict === 'review').length,
    refused: verdicts.filter((v) => v.verdict === 'refused').length,
    // An order reviewed for two reasons counts once under each.
    reviews: countReasons(verdicts.flatMap((v) => (v.verdict === 'review' ? v.reasons : [])), titles),
    refusals: countReasons(verdicts.flatMap((v) => (v.verdict === 'refused' ? [v.reason] : [])), titles),
  };
}

function summarizeAddressChange(results: SimulatedActions[], titles: Map<string, string>): AddressChangeSummary {
  const verdicts = results.map((result) => result.addressChange);
  return {
    offered: verdicts.filter((v) => v.verdict === 'offered').length,
    refused: verdicts.filter((v) => v.verdict === 'refused').length,
    refusals: countReasons(verdicts.flatMap((v) => (v.verdict === 'refused' ? [v.reason] : [])), titles),
  };
}

function summarizeProblems(results: SimulatedActions[], titles: Map<string, string>): ProblemsSummary {
  const parcels = results.flatMap((result) => result.parcels);
  const empty = () => ({ ...Object.fromEntries(PROBLEM_OFFERS.map((outcome) => [outcome, 0])), refused: 0 }) as ProblemsSummary['byType'][ProblemType];
  const byType = Object.fromEntries(PROBLEM_TYPES.map((type) => [type, empty()])) as ProblemsSummary['byType'];
  const refused: (ReasonRef & { extra: { type: ProblemType } })[] = [];
  for (const problem of parcels.flatMap((parcel) => parcel.problems)) {
    if (problem.offered) {
      byType[problem.type][problem.outcome] += 1;
    } else {
      byType[problem.type].refused += 1;
      refused.push({ ...problem.reason, extra: { type: problem.type } });
    }
  }
  // Grouped by type, in the order the problem page lists them; the most frequent first within each.
  const refusals = countReasons(refused, titles).sort((a, b) => PROBLEM_TYPES.indexOf(a.type) - PROBLEM_TYPES.indexOf(b.type));
  return { parcels: parcels.length, byType, refusals };
}

/** Counts of what the order page would offer besides a return, under one policy; clause titles in one language. */
export function summarizeActions(results: SimulatedActions[], policy: Policy, language: Language = 'en'): ActionsSummary {
  const titles = listClauseTitles(policy, language);
  return {
    orders: results.length,
    cancellation: policy.cancellation ? summarizeCancellation(results, titles) : null,
    addressChange: policy.addressChange ? summarizeAddressChange(results, titles) : null,
    problems: policy.problems ? summarizeProblems(results, titles) : null,
  };
}
