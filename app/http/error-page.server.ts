import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getI18nInstance, getLanguage } from '~/i18n.server';
import { lingerAfterResponse } from './body-limit.server';

/*
 * The error page for requests refused before Remix (bad request line, body too large, a fault in
 * Express itself). It looks like the app's own error boundary, in the shopper's language, with
 * the app's stylesheet, and never carries a stack or the request's own words.
 */
const KEYS: Record<number, string> = { 400: 'badRequest', 404: 'notFound', 405: 'methodNotAllowed', 413: 'tooLarge' };

/** The built Tailwind stylesheet's URL, found once at start; null before a build (no styles then). */
export function findStylesheet(buildDir = 'public/build/_assets'): string | null {
  try {
    const file = readdirSync(buildDir).find((name) => /^tailwind-[\w-]+\.css$/.test(name));
    return file ? `/build/_assets/${file}` : null;
  } catch {
    return null;
  }
}

/** What the page borrows from the app: its built stylesheet, and the store's name once known. */
export type ErrorPageLook = { stylesheet: string | null; storeName: string | null };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The language from what is safe to read of a refused request: `?lng=`, the cookie, Accept-Language. */
async function languageOf(req: IncomingMessage) {
  const lng = /[?&]lng=(en|fr)(?:&|$)/.exec(req.url ?? '')?.[1];
  const headers = new Headers();
  for (const name of ['cookie', 'accept-language'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string' && value.length < 4096) headers.set(name, value);
  }
  return getLanguage(new Request(`http://localhost/${lng ? `?lng=${lng}` : ''}`, { headers })).catch(() => 'en' as const);
}

export async function renderErrorPage(status: number, language: 'en' | 'fr', look: ErrorPageLook): Promise<string> {
  const t = (await getI18nInstance(language)).getFixedT(language, 'common');
  const key = KEYS[status] ?? (status >= 500 ? 'server' : 'badRequest');
  const title = escapeHtml(t(`errors.${key}.title`));
  const { stylesheet } = look;
  const name = escapeHtml(look.storeName ?? t('appName'));
  return `<!DOCTYPE html>
<html lang="${language}" class="h-full"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title} · ${name}</title>${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">` : ''}<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body class="flex min-h-full flex-col bg-brand-50 font-sans text-gray-900 antialiased">
<header class="border-b border-brand-100 bg-white"><div class="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-3"><a href="/" class="text-lg font-bold text-brand-900">${name} <span class="font-normal text-gray-700">· ${escapeHtml(t('tagline'))}</span></a></div></header>
<main id="main" class="mx-auto w-full max-w-2xl flex-1 px-4 py-6"><section aria-labelledby="error-title" class="rounded-lg bg-white p-6 shadow-sm">
<h1 id="error-title" class="text-2xl font-bold text-brand-900">${title}</h1>
<p class="mt-2 text-gray-800">${escapeHtml(t(`errors.${key}.body`))}</p>
<p class="mt-4"><a href="/" class="font-semibold text-brand-700 underline underline-offset-2">${escapeHtml(t('errors.backToLookup'))}</a></p>
</section></main></body></html>`;
}

/**
 * Answers a refused request: the page for browsers, one line of text for everyone else. Its own
 * headers replace any set earlier; a body left unread is not read on without bound.
 */
export async function sendErrorPage(req: IncomingMessage, res: ServerResponse, status: number, look: ErrorPageLook): Promise<void> {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const html = (req.headers.accept ?? '').includes('text/html');
  const body = html ? await renderErrorPage(status, await languageOf(req), look) : `${status}\n`;
  res.statusCode = status;
  res.setHeader('Content-Type', html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.removeHeader('Content-Encoding');
  if (status === 405) res.setHeader('Allow', 'GET, HEAD, POST');
  lingerAfterResponse(req, res);
  res.end(req.method === 'HEAD' ? undefined : body);
}
