import { createHash } from 'node:crypto';
import { listProductImages, type ProductImageSpec, type Silhouette } from '~/sandbox/seed/catalog-data.server';

/** Garment outlines on an 800×800 canvas; stripes are drawn over the ones marked striped. */
const SHAPES: Record<Silhouette, { path: string; striped?: boolean; detail?: string }> = {
  top: { path: 'M260 150 L340 120 Q400 170 460 120 L540 150 L660 260 L590 340 L540 300 L540 660 L260 660 L260 300 L210 340 L140 260 Z', striped: true },
  jacket: {
    path: 'M250 140 L340 110 Q400 160 460 110 L550 140 L680 520 L610 545 L540 320 L540 690 L260 690 L260 320 L190 545 L120 520 Z',
    detail: '<rect x="320" y="470" width="160" height="110" rx="12" fill="none" stroke="#00000033" stroke-width="6"/>',
  },
  sweater: {
    path: 'M250 140 L340 110 Q400 160 460 110 L550 140 L680 520 L610 545 L540 320 L540 660 L260 660 L260 320 L190 545 L120 520 Z',
    detail: '<path d="M340 112 L400 190 L460 112" fill="none" stroke="#00000033" stroke-width="8"/>',
  },
  coat: {
    path: 'M260 120 L340 100 L400 200 L460 100 L540 120 L650 560 L590 580 L550 360 L570 720 L230 720 L250 360 L210 580 L150 560 Z',
    detail: '<rect x="245" y="400" width="310" height="26" fill="#00000026"/>',
  },
  trousers: { path: 'M270 120 L530 120 L560 700 L440 700 L400 330 L360 700 L240 700 Z' },
  dress: { path: 'M330 120 L470 120 L480 250 L600 690 L200 690 L320 250 Z' },
  shoes: {
    path: 'M120 520 Q130 420 260 410 L420 380 Q520 360 600 430 Q680 480 690 540 L690 580 L120 580 Z',
    detail: '<rect x="120" y="560" width="570" height="40" rx="10" fill="#b08d57"/>',
  },
  beret: { path: 'M140 430 Q150 290 400 290 Q650 290 660 430 Q650 500 400 500 Q150 500 140 430 Z', detail: '<rect x="390" y="255" width="20" height="40" rx="6" fill="#00000055"/>' },
  scarf: { path: 'M400 140 L660 400 L400 660 L140 400 Z', detail: '<circle cx="400" cy="400" r="90" fill="none" stroke="#ffffff88" stroke-width="14"/>' },
  'gift-card': {
    path: 'M170 250 H630 Q660 250 660 280 V540 Q660 570 630 570 H170 Q140 570 140 540 V280 Q140 250 170 250 Z',
    detail: '<rect x="140" y="380" width="520" height="30" fill="#ffffffaa"/><rect x="460" y="250" width="30" height="320" fill="#ffffffaa"/>',
  },
  bag: { path: 'M220 300 L580 300 L610 680 L190 680 Z', detail: '<path d="M300 300 Q300 160 400 160 Q500 160 500 300" fill="none" stroke="#8a7b62" stroke-width="18"/>' },
  socks: { path: 'M330 120 L470 120 L470 520 L560 600 Q600 660 540 690 L360 690 Q320 690 330 640 Z', striped: true },
};

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * A simple, self-contained product picture: a coloured silhouette, named by its title. The name
 * is not drawn: the portal shows these at 64 px, where it could not be read, and text in an SVG
 * image costs a font lookup and shaping on the page's main thread each time it is painted
 * (Lighthouse found a 55 ms paint per picture on the order page, a long task on a phone).
 */
export function renderProductSvg(spec: ProductImageSpec): string {
  const shape = SHAPES[spec.silhouette];
  const label = escapeXml(spec.label);
  const stripes = shape.striped
    ? `<g clip-path="url(#shape)">${Array.from({ length: 14 }, (_, i) => `<rect x="0" y="${130 + i * 42}" width="800" height="16" fill="#ffffffcc"/>`).join('')}</g>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img" aria-label="${label}">`,
    `<title>${label}</title>`,
    `<defs><clipPath id="shape"><path d="${shape.path}"/></clipPath></defs>`,
    '<rect width="800" height="800" fill="#f6f3ee"/>',
    `<path d="${shape.path}" fill="${spec.hex}" stroke="#00000040" stroke-width="4"/>`,
    stripes,
    shape.detail ?? '',
    '</svg>',
  ].join('');
}

let rendered: Map<string, { svg: string; etag: string }> | undefined;

/** `GET /__sandbox/images/<file>.svg`, or null when no product has that picture. */
export function serveProductImage(file: string): Response | null {
  rendered ??= new Map(
    listProductImages().map((spec) => {
      const svg = renderProductSvg(spec);
      return [spec.file, { svg, etag: `"${createHash('sha1').update(svg).digest('hex').slice(0, 16)}"` }];
    }),
  );
  const image = rendered.get(file);
  if (!image) return null;
  return new Response(image.svg, {
    headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400, immutable', ETag: image.etag },
  });
}
