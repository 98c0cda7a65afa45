import { createCookie } from '@remix-run/node';
import { createInstance, type i18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RemixI18Next } from 'remix-i18next/server';
import { cookieAttributes } from './security/cookie-attributes.server';
import { fallbackLanguage, i18nConfig, isLanguage, supportedLanguages, type Language } from './i18n';

/** Not a secret and not personal: the shopper's chosen language, kept for a year. */
export const languageCookie = createCookie('comptoir_lng', { maxAge: 60 * 60 * 24 * 365 });

/** Language order: `?lng=` from a help-center link, then the cookie, then Accept-Language. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: 'lng',
    order: ['searchParams', 'cookie', 'header'],
  },
  i18next: i18nConfig,
});

export async function getLanguage(request: Request): Promise<Language> {
  const locale = await i18nServer.getLocale(request);
  return isLanguage(locale) ? locale : fallbackLanguage;
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
      .then(() => created);
    instances.set(language, instance);
  }
  return instance;
}

/** A translator in the request's language, for text built in loaders (page titles). */
export async function getTranslator(request: Request, namespace: string): Promise<TFunction> {
  const instance = await getI18nInstance(await getLanguage(request));
  return instance.getFixedT(null, namespace);
}
