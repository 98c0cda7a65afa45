import { describe, expect, it } from 'vitest';
import { resources } from './i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(`${prefix}${key}`, value);
    else flatten(value, `${prefix}${key}.`).forEach((v, k) => entries.set(k, v));
  }
  return entries;
}

/** Plural forms differ by language (`_one`, `_other`, French `_many`); compare the base key. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

  it.each(namespaces)('French has every English key of %s, and no other', (ns) => {
    const en = [...flatten(resources.en[ns] as Tree).keys()].map(baseKey);
    const fr = [...flatten(resources.fr[ns] as Tree).keys()].map(baseKey);
    expect(new Set(fr)).toEqual(new Set(en));
  });

  it.each(namespaces)('French uses the same placeholders as English in %s', (ns) => {
    const en = flatten(resources.en[ns] as Tree);
    const fr = flatten(resources.fr[ns] as Tree);
    for (const [key, text] of fr) {
      const english = en.get(key) ?? en.get(`${baseKey(key)}_other`) ?? '';
      expect(variables(text), `${ns}:${key}`).toEqual(variables(english));
    }
  });

  it('leaves no value empty', () => {
    for (const language of Object.values(resources)) {
      for (const ns of Object.values(language)) {
        for (const [key, text] of flatten(ns as Tree)) expect(text.trim(), key).not.toBe('');
      }
    }
  });
});
