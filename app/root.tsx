import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import { BrandStyle, ContactLine, StoreHomeLink, type BrandView } from './components/brand';
import { GeneralErrorBoundary } from './components/error-boundary';
import { HeightReporter } from './components/height-reporter';
import { LanguageSwitcher } from './components/language-switcher';
import { useNonce } from './components/nonce';
import { SandboxBanner } from './components/sandbox-banner';
import { toBrandCss } from './brand/palette';
import { fallbackLanguage, isLanguage } from './i18n';
import { getLanguage, rememberLanguage } from './i18n.server';
import { isEmbedded } from './security/embed.server';
import { prepareFormToken } from './security/form-token.server';
import { forwardRetryAfter } from './utils/http.server';
import styles from './tailwind.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** The title of pages no route claims (the 404 page); routes set their own. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.brand.name ?? 'Comptoir' }];

/*
 * Pages ship no JavaScript unless a route asks for it with `handle.hydrate = true`. The lookup and
 * order pages are plain HTML forms and links, so a shopper on a slow phone or in a chat iframe
 * downloads none of the ~110 KB (gzip) that React, Remix and i18next weigh in the browser. In a
 * chat iframe, one inline script of a few hundred bytes tells the host page the content's height.
 */
export const handle = { i18n: ['common'] };

export const headers: HeadersFunction = forwardRetryAfter;

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const { config, brand } = services;
  const live = !config.sandbox;
  const language = await getLanguage(request);
  const form = await prepareFormToken(request, { secret: config.secret, live });
  const headers = new Headers();
  for (const cookie of [await rememberLanguage(request, language, live), form.setCookie]) if (cookie) headers.append('Set-Cookie', cookie);
  const brandView: BrandView = { name: brand.name, logoUrl: brand.logoUrl, css: brand.palette ? toBrandCss(brand.palette) : null, contact: brand.contact };
  return data(
    { language, sandbox: config.sandbox, timeZone: config.timeZone, embedded: isEmbedded(request), formToken: form.token, brand: brandView },
    { headers },
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const loaderData = useRouteLoaderData<typeof loader>('root');
  const { t, i18n } = useTranslation('common');
  const nonce = useNonce();
  const language = loaderData?.language ?? (isLanguage(i18n.language) ? i18n.language : fallbackLanguage);
  useChangeLanguage(language);
  const matches = useMatches();
  const hydrate = matches.some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === true);
  // Agent pages carry a secret link in their URL: no referrer at all leaves them (handle.noReferrer).
  const noReferrer = matches.some((match) => (match.handle as { noReferrer?: boolean } | undefined)?.noReferrer === true);
  const embedded = loaderData?.embedded ?? false;
  return (
    <html lang={language} dir={i18n.dir(language)} className={embedded ? undefined : 'h-full'} data-embed={embedded ? '' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content={noReferrer ? 'no-referrer' : 'same-origin'} />
        <Meta />
        <Links />
        <BrandStyle css={loaderData?.brand.css ?? null} />
      </head>
      {/* Embedded, the body is as tall as its content, so the height the host is told is the content's. */}
      <body className={`${embedded ? 'flow-root' : 'flex min-h-full flex-col'} bg-brand-50 font-sans text-gray-900 antialiased`}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        {loaderData?.sandbox ? <SandboxBanner /> : null}
        <header className="border-t-4 border-b border-t-brand-accent border-b-brand-100 bg-white">
          <div className={`mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 ${embedded ? 'px-3 py-1.5' : 'px-4 py-3'}`}>
            <StoreHomeLink brand={loaderData?.brand ?? null} embedded={embedded} />
            <LanguageSwitcher />
          </div>
        </header>
        <main id="main" className={`mx-auto w-full max-w-2xl flex-1 ${embedded ? 'px-3 py-3' : 'px-4 py-6'}`}>
          {children}
        </main>
        <footer className="border-t border-brand-100 bg-white">
          <div className={`mx-auto flex max-w-2xl flex-wrap justify-between gap-x-4 gap-y-2 text-sm ${embedded ? 'px-3 py-2' : 'px-4 py-4'}`}>
            <a href="/policy" className="font-semibold text-brand-700 underline underline-offset-2">{t('returnPolicy')}</a>
            {embedded ? <NewTabLink /> : null}
            {loaderData ? <ContactLine contact={loaderData.brand.contact} className="w-full text-gray-700" /> : null}
          </div>
        </footer>
        {embedded ? <HeightReporter /> : null}
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

/** The way out of a cramped chat panel, or of a browser that keeps no cookie in frames: this page, full size. */
function NewTabLink() {
  const { t } = useTranslation('common');
  const { pathname, search } = useLocation();
  const query = new URLSearchParams(search);
  query.delete('embed');
  const href = `${pathname}${query.size ? `?${query.toString()}` : ''}`;
  return (
    <a href={href} target="_blank" rel="noopener" className="font-semibold text-brand-700 underline underline-offset-2">
      {t('openInNewTab')}
    </a>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
