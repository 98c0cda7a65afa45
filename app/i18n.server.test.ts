import { describe, expect, it } from 'vitest';
import { getLanguage, languageCookie } from './i18n.server';

const page = (query = '', headers: Record<string, string> = {}) => new Request(`http://127.0.0.1/order${query}`, { headers });

describe('the language of a request', () => {
  it('follows ?lng=, then the cookie, then Accept-Language', async () => {
    const frCookie = await languageCookie.serialize('fr');
    const enCookie = (await languageCookie.serialize('en')).split(';')[0]!;
    expect(await getLanguage(page('?lng=fr', { Cookie: enCookie, 'Accept-Language': 'en' }))).toBe('fr');
    expect(await getLanguage(page('', { Cookie: frCookie.split(';')[0]!, 'Accept-Language': 'en' }))).toBe('fr');
    expect(await getLanguage(page('', { 'Accept-Language': 'fr-CH, en;q=0.5' }))).toBe('fr');
    expect(await getLanguage(page('?lng=de', { 'Accept-Language': 'de' }))).toBe('en');
  });

  it('answers the same header the same way for everyone, whatever one request sent with it', async () => {
    const header = { 'Accept-Language': 'fr-FR,fr;q=0.9' };
    const enCookie = (await languageCookie.serialize('en')).split(';')[0]!;
    expect(await getLanguage(page('?lng=en', header))).toBe('en');
    expect(await getLanguage(page('', { ...header, Cookie: enCookie }))).toBe('en');
    expect(await getLanguage(page('', header))).toBe('fr');
    expect(await getLanguage(page('', { 'Accept-Language': 'en-GB' }))).toBe('en');
  });
});
