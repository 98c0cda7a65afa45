import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { optionsKey, rememberTranslations } from './i18n-memo';

async function translator(language: string, max?: number) {
  const instance = createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    resources: {
      en: { orders: { items: { quantity_one: '{{count}} item', quantity_other: '{{count}} items' }, hello: 'Hello {{name}}', plain: 'Shipped' } },
      fr: { orders: { items: { quantity_one: '{{count}} article', quantity_other: '{{count}} articles' }, hello: 'Bonjour {{name}}', plain: 'Expédiée' } },
    },
  });
  return rememberTranslations(instance, max);
}

describe('remembered translations', () => {
  it('give the same answers as i18next, call after call, whatever the values', async () => {
    const t = (await translator('en')).getFixedT(null, 'orders');
    for (let round = 0; round < 2; round++) {
      expect(t('plain')).toBe('Shipped');
      expect(t('items.quantity', { count: 1 })).toBe('1 item');
      expect(t('items.quantity', { count: 3 })).toBe('3 items');
      expect(t('hello', { name: 'Ada' })).toBe('Hello Ada');
      expect(t('hello', { name: 'Grace' })).toBe('Hello Grace');
    }
  });

  it('keep each language apart, and a language asked for in the call', async () => {
    const fr = await translator('fr');
    const en = await translator('en');
    expect(fr.getFixedT(null, 'orders')('items.quantity', { count: 2 })).toBe('2 articles');
    expect(en.getFixedT(null, 'orders')('items.quantity', { count: 2 })).toBe('2 items');
    expect(fr.getFixedT('en', 'orders')('plain')).toBe('Shipped');
    expect(fr.getFixedT(null, 'orders')('plain')).toBe('Expédiée');
  });

  it('resolve a call whose options hold an object as before, and never mix up values that print alike', async () => {
    const t = (await translator('en')).getFixedT(null, 'orders');
    const person = { toString: () => 'Ada' };
    expect(t('hello', { name: person as unknown as string })).toBe('Hello Ada');
    expect(optionsKey({ name: person })).toBeNull();
    expect(optionsKey({ count: 1 })).not.toBe(optionsKey({ count: '1' }));
    expect(optionsKey({ a: 'x', b: 'y' })).not.toBe(optionsKey({ a: 'x\u0002b\u0001sy' }));
  });

  it('stay right once the cache is full', async () => {
    const t = (await translator('en', 3)).getFixedT(null, 'orders');
    for (const name of ['A', 'B', 'C', 'D', 'E', 'A', 'E']) expect(t('hello', { name })).toBe(`Hello ${name}`);
  });
});
