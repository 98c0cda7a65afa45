/**
 * Whether a request comes from the portal shown inside a help center or chat widget.
 *
 * Browsers label every navigation inside a frame `Sec-Fetch-Dest: iframe` (Chrome 80+, Firefox
 * 90+, Safari 16.4+), links, form posts and the redirects after them alike, so the mode follows the
 * shopper through the iframe with nothing to carry and cannot leak into a tab opened from it.
 * `?embed=1`, the documented entry URL, asks for it where that header is missing.
 */
export function isEmbedded(request: Request): boolean {
  const destination = request.headers.get('Sec-Fetch-Dest');
  if (destination === 'iframe' || destination === 'frame') return true;
  return new URL(request.url).searchParams.get('embed') === '1';
}
