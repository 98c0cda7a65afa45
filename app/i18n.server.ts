import { createCookie } from '@remix-run/node';
import { createInstance, type i18n, type TFunction } from 'i18next';
import { LRUCache } from 'lru-cache';
import { initReactI18next } from 'react-i18next';
import { LanguageDetector } from 'remix-i18next/server';
import { rememberTranslations } from './i18n-memo';
import { cookieAttributes } from './security/cookie-attributes.server';
import { fallbackLanguage, i18nConfig, isLanguage, supportedLanguages, type Language } from './i18n';

/** Not a secret and not personal: the shopper's chosen language, kept for a year. */
export const languageCookie = createCookie('comptoir_lng', { maxAge: 60 * 60 * 24 * 365 });

/*
 * A page asks for its language several times (root loader, route loader, render), and the
 * Accept-Language step costs more than rendering a small page (every tag goes through Intl). So the
 * three steps run one by one with the library's own detector, and the header's answer, which
 * depends on the header alone, is kept per distinct header. The URL and the cookie are read each
 * time: cheap, and nothing one request sends can change the answer another gets.
 */
const detectBy = (step: 'searchParams' | 'cookie' | 'header') =>
  // An empty fallback tells "this step found nothing" apart from a language.
  new LanguageDetector({ supportedLanguages: [...supportedLanguages], fallbackLanguage: '', cookie: languageCookie, searchParamKey: 'lng', order: [step] });
const fromUrl = detectBy('searchParams');
const fromCookie = detectBy('cookie');
const fromHeader = detectBy('header');
const byHeader = new LRUCache<string, string>({ max: 200 });
const MAX_CACHED_HEADER = 256;

/** Language order: `?lng=` from a help-center link, then the cookie, then Accept-Language. */
export async function getLanguage(request: Request): Promise<Language> {
  const locale =
    (request.url.includes('?') ? await fromUrl.detect(request) : '') ||
    (request.headers.get('Cookie')?.includes('comptoir_lng') ? await fromCookie.detect(request) : '') ||
    (await headerLanguage(request));
  return isLanguage(locale) ? locale : fallbackLanguage;
}

async function headerLanguage(request: Request): Promise<string> {
  const header = request.headers.get('Accept-Language');
  if (!header) return '';
  const known = byHeader.get(header);
  if (known !== undefined) return known;
  const language = await fromHeader.detect(request);
  if (header.length <= MAX_CACHED_HEADER) byHeader.set(header, language);
  return language;
}

/**
 * A `Set-Cookie` value when the URL chose a language, so the choice sticks on later pages; inside
 * an iframe too, where only a partitioned cookie survives (see cookieAttributes).
 */
export async function rememberLanguage(request: Request, language: Language, live: boolean): Promise<string | null> {
  const fromUrl = new URL(request.url).searchParams.get('lng');
  return isLanguage(fromUrl) ? languageCookie.serialize(language, cookieAttributes(request, live)) : null;
}

/*
 * One i18next instance per language, built on first use: every resource is bundled and nothing on
 * a request changes an instance, so building one per request (as getFixedT does) only costs time.
 */
const instances = new Map<Language, Promise<i18n>>();

export function getI18nInstance(language: Language): Promise<i18n> {
  let instance = instances.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: language })
      .then(() => rememberTranslations(created));
    instances.set(language, instance);
  }
  return instance;
}

/** A translator in the request's language, for text built in loaders (page titles). */
export async function getTranslator(request: Request, namespace: string): Promise<TFunction> {
  const instance = await getI18nInstance(await getLanguage(request));
  return instance.getFixedT(null, namespace);
}
