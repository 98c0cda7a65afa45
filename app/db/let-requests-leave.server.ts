/**
 * Resolves a moment later, once outgoing requests started in this turn have been written.
 *
 * A lookup asks Shopify and then writes its slots and its session row, all before Shopify answers.
 * On the embedded database (PGlite) a statement holds the event loop while it runs, and Node's
 * `fetch` writes a request only after a turn or two of the loop (measured with undici's
 * `sendHeaders` event): run at once, or even on the next turn, the statements would hold the
 * request back by their own time. A millisecond's wait lets it leave first, so Shopify's time and
 * the statements' overlap; on PostgreSQL it costs nothing that Shopify's time does not hide.
 */
export const letRequestsLeave = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
