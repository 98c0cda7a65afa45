import type { Case, CaseJob } from '~/cases/case-store';
import type { CaseState } from '~/cases/case-state';
import { kindOf } from '~/cases/kinds';
import { shipsAt } from '~/cases/return/exchange-progress';
import { LABELS_REQUEST_LABEL, SHOPIFY_RELEASE_EXCHANGE } from '~/jobs/job-names';

/**
 * Jobs a case's move to `to` starts, queued in the move's own transaction (so a case is approved
 * if and only if its label request exists): reaching `approved` with something to send back asks
 * for the label; reaching `in_transit` releases an exchange that waits for it. The queue keys each
 * by case (`<case>:<job>`), one at a time.
 */
export function toJobsOnReaching(found: Case, to: CaseState): CaseJob[] {
  if (to === 'approved' && kindOf(found).parcelLines(found).length > 0) return [{ name: LABELS_REQUEST_LABEL, data: { caseId: found.id } }];
  // An exchange that ships "once the return is on its way": Shopify is asked to let it go now.
  if (to === 'in_transit' && found.kind === 'return' && shipsAt(found, 'in_transit')) return [{ name: SHOPIFY_RELEASE_EXCHANGE, data: { caseId: found.id } }];
  return [];
}

/** The same, for a walk through several states (`pathForward`): the jobs of every state reached. */
export const toJobsOnPath = (found: Case, path: readonly CaseState[]): CaseJob[] => path.flatMap((to) => toJobsOnReaching(found, to));
