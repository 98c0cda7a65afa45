import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '~/i18n';

/** Plain links, so switching works before (or without) JavaScript. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common');
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('language')}>
      <ul className="flex gap-1 text-sm">
        {supportedLanguages.map((language) => {
          const current = i18n.language === language;
          return (
            <li key={language}>
              <a
                href={`${pathname}?lng=${language}`}
                lang={language}
                hrefLang={language}
                aria-current={current ? 'true' : undefined}
                className={`inline-block rounded px-2 py-1 underline-offset-4 ${current ? 'bg-brand-100 font-semibold text-brand-900' : 'text-brand-700 underline hover:bg-brand-50'}`}
              >
                {t(`languages.${language}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
