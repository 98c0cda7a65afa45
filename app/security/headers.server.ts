/**
 * Response headers every page gets. The CSP allows only our own scripts and styles, each inline
 * one carrying the per-request nonce (the store's colours are one such style, app/components/brand.tsx); `frame-ancestors` decides which help-center or chat hosts may embed us.
 */
export function buildSecurityHeaders(options: {
  nonce: string;
  frameAncestors: string;
  live: boolean;
  /** Extra origins product pictures and the store's logo may come from (the sandbox emulator, Shopify's CDN, the logo's host). */
  imageOrigins: string[];
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'`,
    `style-src 'self' 'nonce-${options.nonce}'`,
    `img-src 'self' data: ${options.imageOrigins.join(' ')}`.trim(),
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Resource-Policy': 'same-site',
    ...(options.live ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * The configured `frame-ancestors` plus origins the process adds itself (the sandbox chat widget
 * page, on loopback). An explicit `'none'` stays alone: nobody may frame the portal then.
 */
export function withFrameAncestors(configured: string, extra: readonly string[]): string {
  if (configured === "'none'" || extra.length === 0) return configured;
  return [...new Set([...configured.split(' '), ...extra])].join(' ');
}
