import type { CodeBinding, CodeState, SendLimits, SendRefusal, SendState, TryRefusal } from './code-rules';

/** A fresh code to keep for a binding: its random id, the keyed hash of its digits, its lifetime. */
export type IssuedCode = { codeId: string; codeHash: string; issuedAt: Date; expiresAt: Date };

export type IssueResult = { issued: true } | ({ issued: false } & SendRefusal);

export type StoredCode = CodeState & SendState & { issuedAt: Date };

export type TryTaken = { taken: true; codeId: string; codeHash: string; triesUsed: number };
export type TryRefused = { taken: false; reason: TryRefusal };

/**
 * One-time codes, one row per binding (session, order, purpose). The store keeps hashes only and
 * decides every check-and-write in one atomic step, across processes: simultaneous sends cannot
 * all pass the caps, simultaneous guesses cannot exceed the tries, and a code is used once.
 */
export interface OneTimeCodeStore {
  /**
   * Keeps `code` as the binding's only code (a previous one is dead from then on, its tries
   * reset), unless `limits` refuse the send at `code.issuedAt`; then nothing changes.
   * @returns whether it was issued, or why not and when a send may go again.
   */
  issue(binding: CodeBinding, code: IssuedCode, limits: SendLimits): Promise<IssueResult>;
  /** The binding's code and sending history, or null when it has none. */
  read(binding: CodeBinding): Promise<StoredCode | null>;
  /**
   * Counts one try against the binding's live code before the digits are compared, so that any
   * number of simultaneous guesses gets at most `maxTries` comparisons. Refuses when there is no
   * unused code, it has expired at `now`, or its tries are used up.
   * @returns the hash to compare with, and how many tries it has had counting this one.
   */
  takeTry(binding: CodeBinding, now: Date, maxTries: number): Promise<TryTaken | TryRefused>;
  /**
   * Marks code `codeId` used, if it is still the binding's code and unused. Of simultaneous calls,
   * exactly one gets true.
   */
  consume(binding: CodeBinding, codeId: string, now: Date): Promise<boolean>;
  /** Removes rows whose code and sending window are both over at `now`; returns how many went. */
  deleteExpired(now: Date): Promise<number>;
}
