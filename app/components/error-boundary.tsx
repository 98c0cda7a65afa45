import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ContactLine, useBrand } from './brand';

const KEYS: Record<number, 'notFound' | 'unavailable' | 'badRequest' | 'methodNotAllowed' | 'tooLarge'> = {
  400: 'badRequest',
  404: 'notFound',
  405: 'methodNotAllowed',
  413: 'tooLarge',
  429: 'unavailable',
  503: 'unavailable',
};

/** The one error page: a translated title and a way forward, never a stack or a vendor message. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation('common');
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const key = KEYS[status] ?? 'server';
  const brand = useBrand();
  return (
    <section aria-labelledby="error-title" className="rounded-lg bg-white p-6 shadow-sm">
      <h1 id="error-title" className="text-2xl font-bold text-brand-900">
        {t(`errors.${key}.title`)}
      </h1>
      <p className="mt-2 text-gray-800">{t(`errors.${key}.body`)}</p>
      {brand ? <ContactLine contact={brand.contact} className="mt-2 text-gray-800" /> : null}
      <p className="mt-4">
        <a href="/" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('errors.backToLookup')}
        </a>
      </p>
    </section>
  );
}
