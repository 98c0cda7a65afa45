import { useNonce } from './nonce';

/*
 * Tells the page that embeds the portal how tall the content is, on load and whenever it changes,
 * so the chat panel can size its iframe: `{ type: 'comptoir:height', height }` in CSS pixels.
 * targetOrigin is '*': `frame-ancestors` already guarantees the parent is an allowed host, the
 * exact one cannot be known (wildcards, no `ancestorOrigins` in Firefox), and a height is no secret.
 * The body is measured, not the document, which is never shorter than the iframe itself.
 */
const SCRIPT =
  "(function(){if(parent===window||!window.ResizeObserver)return;var last=0;function send(){var h=Math.ceil(document.body.getBoundingClientRect().height);if(h!==last){last=h;parent.postMessage({type:'comptoir:height',height:h},'*')}}new ResizeObserver(send).observe(document.body);addEventListener('load',send)})()";

export function HeightReporter() {
  return <script nonce={useNonce()} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
