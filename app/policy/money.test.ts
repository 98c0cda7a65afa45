import { describe, expect, it } from 'vitest';
import { fromMinorUnits, getCurrencyDigits, percentOf, toMinorUnits } from './money';

describe('money in minor units', () => {
  it('knows zero-decimal and three-decimal currencies', () => {
    expect([getCurrencyDigits('EUR'), getCurrencyDigits('JPY'), getCurrencyDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('reads decimal strings as Shopify writes them', () => {
    expect(toMinorUnits('45.90', 'EUR')).toBe(4590);
    expect(toMinorUnits('45.9', 'EUR')).toBe(4590);
    expect(toMinorUnits('45', 'EUR')).toBe(4500);
    expect(toMinorUnits('4500.0', 'JPY')).toBe(4500);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(toMinorUnits('0.005', 'EUR')).toBe(1);
    expect(() => toMinorUnits('4,90', 'EUR')).toThrow(/decimal/);
  });

  it('writes minor units back with the currency’s digits', () => {
    expect(fromMinorUnits(4590, 'EUR')).toBe('45.90');
    expect(fromMinorUnits(5, 'EUR')).toBe('0.05');
    expect(fromMinorUnits(4500, 'JPY')).toBe('4500');
    expect(fromMinorUnits(-1234, 'KWD')).toBe('-1.234');
  });

  it('rounds fees half up and bonuses down', () => {
    expect(percentOf(1005, 10, 'half_up')).toBe(101);
    expect(percentOf(1005, 10, 'down')).toBe(100);
    expect(percentOf(4500, 2.5, 'half_up')).toBe(113);
    expect(percentOf(4500, 0, 'half_up')).toBe(0);
  });
});
