/*
 * The rules of the one-time codes a shopper types to prove they read the order's email: how long a
 * code lives, how many tries it takes, how often one may be sent. Pure: the clock is passed in.
 */

export const CODE_DIGITS = 6;
/** A code opens the change for 10 minutes after it is issued, and not at that instant. */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** The 5th wrong try is the last: the code is dead after it, even for the right digits. */
export const MAX_CODE_TRIES = 5;
/**
 * Sending is capped per binding: 3 codes per hour, the hour opening with its first send, and 30 s
 * between two sends so a double click or a reload does not use up the hour.
 */
export const SEND_LIMITS = { maxPerWindow: 3, windowMs: 60 * 60 * 1000, cooldownMs: 30 * 1000 } as const;

export type SendLimits = { maxPerWindow: number; windowMs: number; cooldownMs: number };

export const CODE_PURPOSES = ['address_change'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

/** What a code opens: one purpose, for one order, in one shopper session, and nothing else. */
export type CodeBinding = { sessionId: string; orderId: string; purpose: CodePurpose };

/** A binding's sending history: the current window and the last send. */
export type SendState = { sendWindowStart: Date; sendCount: number; lastSentAt: Date };

export type SendRefusal = { reason: 'too_many_sends' | 'cooldown'; retryAt: Date };

/** The code a binding holds now; `codeHash` only, the code itself is never kept. */
export type CodeState = { codeId: string; codeHash: string; expiresAt: Date; tries: number; consumedAt: Date | null };

export type TryRefusal = 'none' | 'expired' | 'locked';

export const isFreshSendWindow = (state: SendState, now: Date, limits: SendLimits) =>
  state.sendWindowStart.getTime() + limits.windowMs <= now.getTime();

/** Why a send is refused at `now`, or null when it may go. The hour's cap, the longer wait, comes first. */
export function judgeSend(state: SendState | null, now: Date, limits: SendLimits): SendRefusal | null {
  if (!state) return null;
  if (!isFreshSendWindow(state, now, limits) && state.sendCount >= limits.maxPerWindow) {
    return { reason: 'too_many_sends', retryAt: new Date(state.sendWindowStart.getTime() + limits.windowMs) };
  }
  const cooldownEnd = state.lastSentAt.getTime() + limits.cooldownMs;
  return cooldownEnd > now.getTime() ? { reason: 'cooldown', retryAt: new Date(cooldownEnd) } : null;
}

/** Why a try is refused at `now`, or null when it may be compared: no live code, too late, or no tries left. */
export function judgeTry(code: CodeState | null, now: Date, maxTries: number): TryRefusal | null {
  if (!code || code.consumedAt) return 'none';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return code.tries >= maxTries ? 'locked' : null;
}

/** What the shopper typed, as a code: trimmed, spaces taken out; null if that is not 6 digits. */
export function normalizeTypedCode(typed: string): string | null {
  const code = typed.replace(/\s+/g, '');
  return new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(code) ? code : null;
}
