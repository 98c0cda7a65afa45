import { describe, expect, it } from 'vitest';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  isSessionActive,
  shouldTouchSession,
} from './session-rules';

const created = new Date('2030-03-01T09:00:00Z');
const after = (ms: number, from = created) => new Date(from.getTime() + ms);

describe('isSessionActive', () => {
  it('uses a 30-minute idle limit and a 24-hour absolute limit', () => {
    expect(SESSION_IDLE_MS).toBe(30 * 60 * 1000);
    expect(SESSION_ABSOLUTE_MS).toBe(24 * 60 * 60 * 1000);
  });

  it('stays active until the last idle millisecond', () => {
    const session = { createdAt: created, lastSeenAt: created };
    expect(isSessionActive(session, after(SESSION_IDLE_MS - 1))).toBe(true);
    expect(isSessionActive(session, after(SESSION_IDLE_MS))).toBe(false);
  });

  it('counts idle time from the last time the shopper was seen', () => {
    const lastSeenAt = after(2 * 60 * 60 * 1000);
    const session = { createdAt: created, lastSeenAt };
    expect(isSessionActive(session, after(SESSION_IDLE_MS - 1, lastSeenAt))).toBe(true);
    expect(isSessionActive(session, after(SESSION_IDLE_MS, lastSeenAt))).toBe(false);
  });

  it('ends at 24 hours even for a shopper seen a second ago', () => {
    const recently = (now: Date) => ({ createdAt: created, lastSeenAt: after(-1000, now) });
    const lastMoment = after(SESSION_ABSOLUTE_MS - 1);
    const end = after(SESSION_ABSOLUTE_MS);
    expect(isSessionActive(recently(lastMoment), lastMoment)).toBe(true);
    expect(isSessionActive(recently(end), end)).toBe(false);
  });

  it('refuses a revoked session at once', () => {
    const session = { createdAt: created, lastSeenAt: created, revokedAt: after(1) };
    expect(isSessionActive(session, after(2))).toBe(false);
    expect(isSessionActive({ ...session, revokedAt: null }, after(2))).toBe(true);
  });
});

describe('shouldTouchSession', () => {
  it('writes last-seen only once a full minute has passed', () => {
    const session = { createdAt: created, lastSeenAt: created };
    expect(shouldTouchSession(session, after(59_999))).toBe(false);
    expect(shouldTouchSession(session, after(60_000))).toBe(true);
  });
});
