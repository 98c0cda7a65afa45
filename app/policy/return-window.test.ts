import { describe, expect, it } from 'vitest';
import { checkReturnWindow, type WindowCheck } from './return-window';
import { PARIS, buildPolicy, makeLine } from './test-fixtures';

const rules = buildPolicy().window; // 30 days, from delivery, then shipping + 5 days, then order
const orderCreatedAt = new Date('2026-03-08T15:00:00Z');

function check(now: string, line = makeLine(), windowRules = rules, timeZone = PARIS): WindowCheck {
  return checkReturnWindow({ line, orderCreatedAt, rules: windowRules, now: new Date(now), timeZone });
}

function windowOf(result: WindowCheck) {
  if (result.kind !== 'window') throw new Error(`expected a window, got ${result.kind}`);
  return result.window;
}

describe('the return window', () => {
  it('delivered 12 March, 30 days: the last day is 11 April, open to its last minute in Paris', () => {
    // 11 April 2026 23:59:59.999 in Paris (summer time, UTC+2) is 21:59:59.999Z.
    const lastMinute = windowOf(check('2026-04-11T21:59:59.999Z'));
    expect(lastMinute).toMatchObject({ countedFrom: 'delivery', startDate: '2026-03-12', lastDay: '2026-04-11', isOpen: true });
    expect(lastMinute.closesAt.toISOString()).toBe('2026-04-11T22:00:00.000Z');
    expect(windowOf(check('2026-04-11T22:00:00.000Z')).isOpen).toBe(false);
  });

  it('keeps whole calendar days across the spring DST change (29 March in Paris)', () => {
    // Delivered at 00:30 Paris time on 13 March, though still 12 March in UTC.
    const line = makeLine({ deliveredAt: new Date('2026-03-12T23:30:00Z') });
    const window = windowOf(check('2026-04-12T21:59:00Z', line));
    expect(window).toMatchObject({ startDate: '2026-03-13', lastDay: '2026-04-12', isOpen: true });
    expect(windowOf(check('2026-04-12T22:00:00Z', line)).isOpen).toBe(false);
  });

  it('keeps whole calendar days across the autumn DST change in the store’s own zone', () => {
    // New York falls back on 1 November 2026; the window ends at midnight EST (05:00Z).
    const line = makeLine({ deliveredAt: new Date('2026-10-20T16:00:00Z') });
    const ny = (now: string) => check(now, line, rules, 'America/New_York');
    expect(windowOf(ny('2026-11-20T04:59:59.999Z'))).toMatchObject({ lastDay: '2026-11-19', isOpen: true });
    expect(windowOf(ny('2026-11-20T05:00:00Z')).isOpen).toBe(false);
  });

  it('with no delivery scan, counts from shipping plus the transit days', () => {
    const line = makeLine({ deliveredAt: null, fulfilledAt: new Date('2026-03-10T09:00:00Z') });
    const window = windowOf(check('2026-04-01T10:00:00Z', line));
    expect(window).toMatchObject({ countedFrom: 'fulfillment', shippedOn: '2026-03-10', startDate: '2026-03-15', lastDay: '2026-04-14' });
  });

  it('says a parcel without a scan is still on its way until the transit days are over', () => {
    const line = makeLine({ deliveredAt: null, fulfilledAt: new Date('2026-03-10T09:00:00Z') });
    expect(check('2026-03-14T22:59:00Z', line)).toEqual({ kind: 'not_delivered', shippedOn: '2026-03-10', expectedOn: '2026-03-15' });
    expect(check('2026-03-14T23:00:00Z', line).kind).toBe('window');
  });

  it('falls back to the order date when the policy does not count from shipping', () => {
    const line = makeLine({ deliveredAt: null });
    const window = windowOf(check('2026-04-01T10:00:00Z', line, { ...rules, countFrom: ['delivery', 'order'] }));
    expect(window).toMatchObject({ countedFrom: 'order', startDate: '2026-03-08', lastDay: '2026-04-07' });
  });

  it('counts from the order date even when delivered, if the policy says so', () => {
    const window = windowOf(check('2026-04-01T10:00:00Z', makeLine(), { ...rules, countFrom: ['order'] }));
    expect(window.countedFrom).toBe('order');
  });

  it('cannot count a policy that only knows delivery when the carrier never confirmed it', () => {
    const line = makeLine({ deliveredAt: null });
    expect(check('2026-04-01T10:00:00Z', line, { ...rules, countFrom: ['delivery'] })).toEqual({ kind: 'unconfirmed', shippedOn: '2026-03-10' });
  });
});
