import { randomBytes } from 'node:crypto';

/*
 * `GET /__sandbox/chat-widget`: a store page with a mock chat widget (launcher bubble and panel)
 * that shows the portal in an iframe, in embed mode, the way the Gorgias chat or help center
 * would. The iframe is on the other loopback name (localhost ↔ 127.0.0.1): another *site*, so
 * the portal's cookies in it are third-party cookies, as on a real store.
 */

export const CHAT_WIDGET_PATH = '/__sandbox/chat-widget';

/** Hosts whose chat widget page may frame the portal in the sandbox: both loopback names. */
export const chatWidgetOrigins = (port: string) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

/** The portal as seen from a widget page on `hostname`: the other loopback name, same port. */
function portalOriginFor(url: URL): string {
  return `http://${url.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${url.port}`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#faf7f2;line-height:1.45}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 8rem}
.status{border:1px dashed #8a6d3b;background:#fff;padding:.5rem .75rem;border-radius:.4rem}
.launcher{position:fixed;right:1rem;bottom:1rem;border:0;border-radius:2rem;padding:.8rem 1.2rem;background:#0d2a23;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.panel{position:fixed;right:.5rem;bottom:4.5rem;width:min(380px,calc(100vw - 1rem));max-height:calc(100vh - 5.5rem);display:flex;flex-direction:column;background:#fff;border-radius:.8rem;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden}
.panel[hidden]{display:none}
.panel h2{margin:0;padding:.7rem 1rem;font-size:1rem;background:#0d2a23;color:#fff}
.bubble{margin:.6rem 1rem;padding:.5rem .7rem;background:#eef2f0;border-radius:.6rem;font-size:.9rem}
.scroll{overflow-y:auto;flex:1}
iframe{display:block;width:100%;height:480px;border:0}`;

/*
 * Sizes the iframe from the portal's height messages, accepted only from that iframe and origin,
 * and shows the last one for people and tests. The launcher opens and closes the panel.
 */
const script = (portalOrigin: string) => `
const portal = ${JSON.stringify(portalOrigin)};
const frame = document.getElementById('portal');
const last = document.getElementById('last-height');
const launcher = document.getElementById('launcher');
const panel = document.getElementById('panel');
launcher.addEventListener('click', () => {
  panel.hidden = !panel.hidden;
  launcher.setAttribute('aria-expanded', String(!panel.hidden));
});
addEventListener('message', (event) => {
  if (event.origin !== portal || event.source !== frame.contentWindow) return;
  const data = event.data;
  if (!data || data.type !== 'comptoir:height' || !Number.isFinite(data.height)) return;
  const height = Math.min(4000, Math.max(120, Math.round(data.height)));
  frame.style.height = height + 'px';
  last.textContent = String(height);
});`;

export function serveChatWidgetPage(request: Request): Response {
  const url = new URL(request.url);
  const portalOrigin = portalOriginFor(url);
  const lng = url.searchParams.get('lng');
  const entry = new URL('/', portalOrigin);
  entry.searchParams.set('embed', '1');
  if (lng === 'en' || lng === 'fr') entry.searchParams.set('lng', lng);
  const nonce = randomBytes(16).toString('base64');
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat widget – Comptoir sandbox</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
<h1>Comptoir demo store</h1>
<p>A store page with a mock chat widget, as the Gorgias chat would show it. The panel holds the portal in an iframe on <code>${attribute(portalOrigin)}</code>, another site than this page, so its cookies are third-party cookies.</p>
<p class="status">Last height from the portal: <output id="last-height" aria-live="polite">none yet</output> px</p>
</main>
<section id="panel" class="panel" aria-labelledby="panel-title">
<h2 id="panel-title">Chat with Comptoir demo store</h2>
<div class="scroll" tabindex="0" role="group" aria-label="Conversation">
<p class="bubble">Hi! Track an order or start a return right here.</p>
<iframe id="portal" title="Order help" src="${attribute(entry.href)}" sandbox="allow-forms allow-same-origin allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>
</div>
</section>
<button id="launcher" class="launcher" type="button" aria-expanded="true" aria-controls="panel">Chat</button>
<script nonce="${nonce}">${script(portalOrigin)}</script>
</body>
</html>
`;
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; frame-src ${portalOrigin}; base-uri 'none'; form-action 'none'`,
    },
  });
}
