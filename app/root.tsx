import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { GeneralErrorBoundary } from './components/error-boundary';
import { LanguageSwitcher } from './components/language-switcher';
import { useNonce } from './components/nonce';
import { SandboxBanner } from './components/sandbox-banner';
import { fallbackLanguage, isLanguage } from './i18n';
import { getLanguage, rememberLanguage } from './i18n.server';
import { forwardRetryAfter } from './utils/http.server';
import styles from './tailwind.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** The title of pages no route claims (the 404 page); routes set their own. */
export const meta: MetaFunction = () => [{ title: 'Comptoir' }];

/*
 * Pages ship no JavaScript unless a route asks for it with `handle.hydrate = true`. The lookup and
 * order pages are plain HTML forms and links, so a shopper on a slow phone or in a chat iframe
 * downloads none of the ~110 KB (gzip) that React, Remix and i18next weigh in the browser.
 */
export const handle = { i18n: ['common'] };

export const headers: HeadersFunction = forwardRetryAfter;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const cookie = await rememberLanguage(request, language);
  return data(
    { language, sandbox: context.services.config.sandbox, timeZone: context.services.config.timeZone },
    cookie ? { headers: { 'Set-Cookie': cookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const loaderData = useRouteLoaderData<typeof loader>('root');
  const { t, i18n } = useTranslation('common');
  const nonce = useNonce();
  const language = loaderData?.language ?? (isLanguage(i18n.language) ? i18n.language : fallbackLanguage);
  useChangeLanguage(language);
  const hydrate = useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === true);
  return (
    <html lang={language} dir={i18n.dir(language)} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-brand-50 font-sans text-gray-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        {loaderData?.sandbox ? <SandboxBanner /> : null}
        <header className="border-b border-brand-100 bg-white">
          <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <a href="/" className="text-lg font-bold text-brand-900">
              {t('appName')} <span className="font-normal text-gray-700">· {t('tagline')}</span>
            </a>
            <LanguageSwitcher />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-brand-100 bg-white">
          <div className="mx-auto max-w-2xl px-4 py-4 text-sm">
            <a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('returnPolicy')}</a>
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
