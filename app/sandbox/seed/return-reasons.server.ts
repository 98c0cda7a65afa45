import type { IdSequence } from './ids.server';
import type { GqlObject } from './types.server';

/** The shop's return reason library (Admin 2026-01+); one retired reason shows `deleted: true`. */
const REASONS: Array<[handle: string, name: string, deleted?: boolean]> = [
  ['size-too-small', 'Size was too small'],
  ['size-too-large', 'Size was too large'],
  ['defective', 'Item was defective or damaged'],
  ['not-as-described', 'Item was not as described'],
  ['changed-mind', 'Changed my mind'],
  ['wrong-item', 'Received the wrong item'],
  ['arrived-late', 'Arrived too late', true],
];

export function buildReturnReasons(nextId: IdSequence): GqlObject[] {
  return REASONS.map(([handle, name, deleted]) => ({
    __typename: 'ReturnReasonDefinition', id: nextId('ReturnReasonDefinition'), handle, name, deleted: deleted ?? false,
  }));
}
