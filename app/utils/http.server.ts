/**
 * Expected HTTP outcomes, thrown from loaders and actions as Responses and rendered by the
 * GeneralErrorBoundary in the shopper's language.
 */
export const notFound = () => new Response(null, { status: 404, statusText: 'Not Found' });

export const badRequest = () => new Response(null, { status: 400, statusText: 'Bad Request' });

/** An upstream is throttling or down: the shopper is told to try again shortly. */
export const serviceUnavailable = (retryAfterSeconds: number | null) =>
  new Response(null, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Retry-After': String(Math.max(1, retryAfterSeconds ?? 30)) },
  });

/**
 * Remix sends a route's own headers only through its `headers` export; this one passes on the
 * `Retry-After` of a refusal (429) or an upstream failure (503), wherever it was set.
 */
export function forwardRetryAfter({ actionHeaders, loaderHeaders, errorHeaders }: { actionHeaders: Headers; loaderHeaders: Headers; errorHeaders?: Headers }): Record<string, string> {
  const retryAfter = errorHeaders?.get('Retry-After') ?? actionHeaders.get('Retry-After') ?? loaderHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : {};
}
