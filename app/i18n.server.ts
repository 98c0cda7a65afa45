import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { fallbackLanguage, i18nConfig, isLanguage, supportedLanguages, type Language } from './i18n';

/** Not a secret and not personal: the shopper's chosen language, kept for a year. */
export const languageCookie = createCookie('comptoir_lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

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

/** A `Set-Cookie` value when the URL chose a language, so the choice sticks on later pages. */
export async function rememberLanguage(request: Request, language: Language): Promise<string | null> {
  const fromUrl = new URL(request.url).searchParams.get('lng');
  return isLanguage(fromUrl) ? languageCookie.serialize(language) : null;
}
