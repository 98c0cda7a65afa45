import { describe } from 'vitest';
import { runBudgetLedgerContract } from './budget-ledger-contract.test-helpers';
import { createMemoryBudgetLedger } from './memory-ledger';

describe('memory budget ledger', () => {
  runBudgetLedgerContract(createMemoryBudgetLedger);
});
