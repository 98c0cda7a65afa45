import type { Case, CaseOf } from './case-store';
import type { CaseKind } from './kinds';

/*
 * Narrowing a case to its kind. Only types are imported here: a kind's own modules (loaded by the
 * registry, itself loaded by the case states) may use these without a circular import.
 */
/** Whether a case is of this kind: code of one kind reads only its own cases' details. */
export const isCaseOf = <K extends CaseKind>(found: Case, kind: K): found is Case & CaseOf<K> => found.kind === kind;

/** The case as one of this kind, or an error: for code and tests that can only have that kind here. */
export function asCaseOf<K extends CaseKind>(found: Case | null, kind: K): CaseOf<K> {
  if (!found || !isCaseOf(found, kind)) throw new Error(`expected a ${kind} case, got ${found ? found.kind : 'none'}`);
  return found;
}
