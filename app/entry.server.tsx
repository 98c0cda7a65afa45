import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { NonceProvider } from './components/nonce';
import { getI18nInstance, getLanguage } from './i18n.server';

const ABORT_DELAY = 5_000;

/** Unexpected errors only: a 404 or a thrown Response is an answer, not a fault. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  if (process.env.COMPTOIR_LOG !== 'silent') console.error(error);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = await getI18nInstance(await getLanguage(request));
  const nonce = loadContext.cspNonce;
  const page = (
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>
  );
  /*
   * A page that ships no script has nothing to stream: no loader defers, and without Remix's
   * scripts nothing could fill in a streamed part. One string skips the stream plumbing (a quarter
   * of a small page's time went there); a render error still reaches Remix's error boundary.
   */
  if (!hydrates(remixContext)) {
    const html = `<!DOCTYPE html>${renderToString(page)}`;
    responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
    responseHeaders.set('Content-Length', String(Buffer.byteLength(html)));
    return new Response(html, { headers: responseHeaders, status: responseStatusCode });
  }
  // Crawlers and no-JS clients get the whole page at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';

  return new Promise<Response>((resolve, reject) => {
    let didError = false;
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      [readyEvent]() {
        const body = new PassThrough();
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: didError ? 500 : responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        didError = true;
        console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY + 1_000);
  });
}

/** Whether a matched route asks for client JavaScript (`handle.hydrate`), as root.tsx decides. */
function hydrates(context: EntryContext): boolean {
  return context.staticHandlerContext.matches.some(
    (match) => (context.routeModules[match.route.id]?.handle as { hydrate?: boolean } | undefined)?.hydrate === true,
  );
}
