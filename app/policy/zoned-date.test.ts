import { describe, expect, it } from 'vitest';
import { addDays, startOfZonedDay, toZonedDate } from './zoned-date';

describe('store calendar dates', () => {
  it('puts an instant on the store’s calendar, not UTC’s', () => {
    expect(toZonedDate(new Date('2026-03-12T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-13');
    expect(toZonedDate(new Date('2026-03-13T03:30:00Z'), 'America/New_York')).toBe('2026-03-12');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-03-12', 30)).toBe('2026-04-11');
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('finds local midnight on either side of a DST change', () => {
    expect(startOfZonedDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfZonedDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfZonedDay('2026-10-26', 'Europe/Paris').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day at 01:00 where DST skipped midnight', () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018.
    expect(startOfZonedDay('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
  });
});
