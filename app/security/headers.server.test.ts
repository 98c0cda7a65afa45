import { describe, expect, it } from 'vitest';
import { buildSecurityHeaders, withFrameAncestors } from './headers.server';

describe('frame-ancestors', () => {
  it('adds the sandbox chat widget’s origins to the configured ones, once each', () => {
    const ancestors = withFrameAncestors("'self' https://help.shop.example", ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:3000']);
    expect(ancestors).toBe("'self' https://help.shop.example http://localhost:3000 http://127.0.0.1:3000");
    const csp = buildSecurityHeaders({ nonce: 'n', frameAncestors: ancestors, live: false, imageOrigins: [] })['Content-Security-Policy'];
    expect(csp).toContain(`frame-ancestors ${ancestors};`);
  });

  it("keeps an explicit 'none' alone, and the configuration as is when nothing is added", () => {
    expect(withFrameAncestors("'none'", ['http://localhost:3000'])).toBe("'none'");
    expect(withFrameAncestors("'self' https://*.gorgias.help", [])).toBe("'self' https://*.gorgias.help");
  });
});

describe('style-src', () => {
  it("lets in the page's own stylesheet and the one inline style that carries the request's nonce (the store's colours), nothing else", () => {
    const csp = buildSecurityHeaders({ nonce: 'abc123', frameAncestors: "'self'", live: true, imageOrigins: ['https://cdn.shopify.com', 'https://logo.example'] })['Content-Security-Policy'];
    expect(csp).toContain("style-src 'self' 'nonce-abc123';");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: https://cdn.shopify.com https://logo.example;");
  });
});
