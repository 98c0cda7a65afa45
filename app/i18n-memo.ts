import type { i18n } from 'i18next';
import { LRUCache } from 'lru-cache';

/*
 * i18next resolves every t() call from scratch: it splits the key for a namespace and a path,
 * walks the resources, picks the plural form and interpolates. On the order page that was a
 * seventh of the CPU, for answers that depend on nothing but the call: resources are bundled,
 * nothing changes them at run time, and an instance serves one language. So an instance's answers
 * are kept, keyed by the key and the options, when every option is a plain string, number or
 * boolean (a call with an object or a function in its options is resolved as before). A shopper
 * opening their order again, or a page repeating "Qty 1", costs a lookup. The cache is bounded,
 * since option values come from orders.
 */

const MAX_REMEMBERED = 5_000;

type Translate = (key: unknown, options?: unknown, ...rest: unknown[]) => unknown;

const part = (name: string, type: string, value: string) => `${name.length}:${name}${type[0] ?? ''}${value.length}:${value}`;

/** The options as a cache key part; null when one of them cannot be part of a key. */
export function optionsKey(options: unknown): string | null {
  if (options === undefined) return '';
  if (typeof options !== 'object' || options === null) return null;
  let key = '';
  for (const [name, value] of Object.entries(options)) {
    // getFixedT fills lng, lngs, ns and keyPrefix, with null or undefined for those it lacks.
    if (value === undefined || value === null) continue;
    const type = typeof value;
    // Every part carries its length, so no two different options can write the same key.
    if (type === 'string' || type === 'number' || type === 'boolean') key += part(name, type, String(value));
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) key += part(name, 'array', value.map((item) => part('', '', item)).join(''));
    else return null;
  }
  return key;
}

/** Makes `instance.t`, and so every getFixedT translator of it, remember its answers. */
export function rememberTranslations(instance: i18n, max = MAX_REMEMBERED): i18n {
  const translate = instance.t.bind(instance) as unknown as Translate;
  const remembered = new LRUCache<string, string>({ max });
  const t: Translate = (key, options, ...rest) => {
    const optionsPart = rest.length === 0 && typeof key === 'string' ? optionsKey(options) : null;
    if (optionsPart === null) return translate(key, options, ...rest);
    const cacheKey = `${instance.language}\u0000${key}\u0000${optionsPart}`;
    const known = remembered.get(cacheKey);
    if (known !== undefined) return known;
    const answer = translate(key, options);
    if (typeof answer === 'string') remembered.set(cacheKey, answer);
    return answer;
  };
  instance.t = t as unknown as i18n['t'];
  return instance;
}
