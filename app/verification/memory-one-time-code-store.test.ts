import { describe } from 'vitest';
import { createMemoryOneTimeCodeStore } from './memory-one-time-code-store.test-helpers';
import { runOneTimeCodeStoreContract } from './one-time-code-store-contract.test-helpers';

// Keeps the test fake honest: it must behave like the database store.
describe('memory one-time code store (test fake)', () => {
  runOneTimeCodeStoreContract(createMemoryOneTimeCodeStore);
});
