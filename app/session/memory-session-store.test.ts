import { describe } from 'vitest';
import { createMemorySessionStore } from './memory-session-store.test-helpers';
import { runSessionStoreContract } from './session-store-contract.test-helpers';

// Keeps the test fake honest: it must behave like the database store.
describe('memory session store (test fake)', () => {
  runSessionStoreContract(createMemorySessionStore);
});
