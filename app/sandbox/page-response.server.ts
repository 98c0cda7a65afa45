/** The sandbox's own HTML pages (jobs, Shopify admin): a page answer and the guard on their forms. */
export const html = (body: string, status = 200) => new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });

/** A form posted from another site must not act, even in the sandbox. */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('Sec-Fetch-Site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const origin = request.headers.get('Origin');
  return origin === null || origin === new URL(request.url).origin;
}

/**
 * The look of the emulators' control pages, readable on a phone: a wide table scrolls inside its
 * own box instead of widening the page, and each row's buttons stack. (The sandbox's pages are
 * mounted before the portal's security headers, so an inline style applies.)
 */
export const SANDBOX_PAGE_STYLE = `<style>
body { font-family: system-ui, sans-serif; margin: 1rem; color: #1a1a1a; line-height: 1.4; max-width: 72rem; }
.scroll { overflow-x: auto; margin: 1rem 0 2rem; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; margin-bottom: .5rem; }
th, td { border: 1px solid #c8c8c8; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f0ede6; }
td form { display: block; margin: 0 0 .3rem; }
code { word-break: break-all; }
button { font: inherit; padding: .3rem .7rem; border: 1px solid #555; border-radius: 4px; background: #fff; cursor: pointer; white-space: nowrap; }
</style>`;
