import type { CaseKindDefinition } from './kind';
import { addressChangeKind } from './address-change/kind';
import { cancellationKind } from './cancellation/kind';
import { problemKind } from './problem/kind';
import { returnKind } from './return/kind';

/**
 * Every kind of case, by name. A new kind is a folder with its `kind.ts`, one line here and its
 * locale file; `CaseKind` and `Case` grow with this object, so the type checker points at every
 * place that must handle it.
 */
export const KINDS = {
  return: returnKind,
  cancellation: cancellationKind,
  problem: problemKind,
  address_change: addressChangeKind,
} as const;

export type CaseKind = keyof typeof KINDS;

export const CASE_KINDS = Object.keys(KINDS) as CaseKind[];

/** The details a kind keeps (`cases.details`), as its schema parses them. */
export type DetailsOf<K extends CaseKind> = (typeof KINDS)[K] extends CaseKindDefinition<K, infer D> ? D : never;

/** The kind's part of the shopper's case page. */
export type ShopperViewOf<K extends CaseKind> = (typeof KINDS)[K] extends CaseKindDefinition<K, DetailsOf<K>, infer V> ? V : never;

/**
 * The definition of a case's own kind. One cast here, so callers need none: TypeScript cannot
 * tie `KINDS[found.kind]` to `found` itself once there are several kinds.
 */
export function kindOf<C extends { kind: CaseKind }>(found: C): CaseKindDefinition<C['kind'], DetailsOf<C['kind']>, ShopperViewOf<C['kind']>> {
  return KINDS[found.kind] as CaseKindDefinition<C['kind'], DetailsOf<C['kind']>, ShopperViewOf<C['kind']>>;
}
