import { describe } from 'vitest';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.test-helpers';
import { runRateLimitStoreContract } from './rate-limit-store-contract.test-helpers';

// Keeps the test fake honest: it must behave like the database store.
describe('memory rate-limit store (test fake)', () => {
  runRateLimitStoreContract(createMemoryRateLimitStore);
});
