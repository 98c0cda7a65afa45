import type { CaseKindDefinition } from '../kind';
import { ReturnDetailsSchema, type ReturnDetails } from './details';
import { createReturnExecutor } from './execute.server';

/** A return: lines sent back for a refund, store credit or another item (an exchange). */
export const returnKind: CaseKindDefinition<'return', ReturnDetails> = {
  kind: 'return',
  details: ReturnDetailsSchema,
  execute: createReturnExecutor,
};
