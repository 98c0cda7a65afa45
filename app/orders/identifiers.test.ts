import { describe, expect, it } from 'vitest';
import { isSameOrderNumber, normalizeEmail, normalizePhone, normalizeZip, parseOrderNumber } from './identifiers';

describe('parseOrderNumber', () => {
  it.each([
    ['#1001', '1001'],
    ['1001', '1001'],
    [' 1001 ', '1001'],
    ['# 1001', '1001'],
    ['＃１００１', '1001'],
    ['n° 1001', '1001'],
    ['Commande 1001', '1001'],
    ['eu-1001', 'EU-1001'],
  ])('reads %j as %j', (input, expected) => {
    expect(parseOrderNumber(input)).toBe(expected);
  });

  it.each(['', '   ', '#', '1001; drop table', 'name:1001 OR email:x', '"1001"', '-1001', 'x'.repeat(40)])(
    'refuses %j',
    (input) => {
      expect(parseOrderNumber(input)).toBeNull();
    },
  );

  it('compares Shopify order names with what the shopper typed', () => {
    expect(isSameOrderNumber('#1001', '1001')).toBe(true);
    expect(isSameOrderNumber('#10011', '1001')).toBe(false);
    expect(isSameOrderNumber('#1001-A', '1001')).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it('ignores case and stray whitespace', () => {
    expect(normalizeEmail('  Camille.Martin@Example.COM ')).toBe('camille.martin@example.com');
    expect(normalizeEmail('camille.martin @example.com')).toBe('camille.martin@example.com');
  });
});

describe('second factors', () => {
  it('compares postal codes without spaces, dashes or case', () => {
    expect(normalizeZip('k1a 0a1')).toBe(normalizeZip('K1A-0A1'));
    expect(normalizeZip('75011')).not.toBe(normalizeZip('75012'));
  });

  it('compares phones on their national digits', () => {
    expect(normalizePhone('+33 6 12 34 56 78')).toBe(normalizePhone('06 12 34 56 78'));
    expect(normalizePhone('+1 (613) 555-0100')).toBe(normalizePhone('613.555.0100'));
  });
});
