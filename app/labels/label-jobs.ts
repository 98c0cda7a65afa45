import type { Case, CaseJob } from '~/cases/case-store';
import type { CaseState } from '~/cases/case-state';
import { kindOf } from '~/cases/kinds';
import { LABELS_REQUEST_LABEL } from '~/jobs/job-names';

/**
 * Jobs a case's move to `to` starts, queued in the move's own transaction (so a case is approved
 * if and only if its label request exists): reaching `approved` with something to send back asks
 * for the label. The queue keys it by case (`<case>:labels.request-label`), one at a time.
 */
export function toJobsOnReaching(found: Case, to: CaseState): CaseJob[] {
  if (to !== 'approved' || kindOf(found).parcelLines(found).length === 0) return [];
  return [{ name: LABELS_REQUEST_LABEL, data: { caseId: found.id } }];
}

/** The same, for a walk through several states (`pathForward`): the jobs of every state reached. */
export const toJobsOnPath = (found: Case, path: readonly CaseState[]): CaseJob[] => path.flatMap((to) => toJobsOnReaching(found, to));
