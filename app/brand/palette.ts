/*
 * The store's one accent colour, turned into the shades the pages use (Tailwind's `brand-*`
 * theme variables). Pure: WCAG 2.x relative luminance and contrast, sRGB mixing. A merchant may
 * pick any colour: the text and button shades are darkened until they read on the backgrounds
 * they meet (app/root.tsx and the pages), so a pale accent never costs an axe violation.
 */

export type Rgb = readonly [number, number, number];

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** WCAG AA for body text; the shades that carry text or white text on them meet it. */
export const TEXT_CONTRAST = 4.5;
/** Headings and the selected language sit on the light shades; they get AAA. */
const STRONG_CONTRAST = 7;

export function parseHex(hex: string): Rgb {
  if (!HEX_COLOUR.test(hex)) throw new Error(`Not a #rrggbb colour: "${hex}"`);
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
}

export const toHex = (rgb: Rgb) => `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2.x relative luminance, 0 (black) to 1 (white). */
export function getLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21, whichever colour is lighter. */
export function getContrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [getLuminance(a), getLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `a` with `share` (0–1) of `b` mixed in, rounded to whole channels as CSS will show it. */
export const mix = (a: Rgb, b: Rgb, share: number): Rgb =>
  a.map((channel, i) => Math.round(channel + (b[i]! - channel) * share)) as unknown as Rgb;

/**
 * The colour with as little black mixed in as it takes to reach `ratio` against every one of
 * `backgrounds`. Black reaches 21:1 on white, so for light backgrounds an answer always exists.
 */
export function darkenUntil(colour: Rgb, ratio: number, backgrounds: readonly Rgb[]): Rgb {
  const passes = (candidate: Rgb) => backgrounds.every((background) => getContrast(candidate, background) >= ratio);
  if (passes(colour)) return colour;
  let [low, high] = [0, 1];
  for (let step = 0; step < 24; step++) {
    const middle = (low + high) / 2;
    if (passes(mix(colour, BLACK, middle))) high = middle;
    else low = middle;
  }
  return mix(colour, BLACK, high);
}

export type BrandPalette = {
  /** The merchant's colour as given: decoration only (the header's top rule), never text. */
  accent: string;
  /** Page background and hover tint. */
  50: string;
  /** Borders, dividers, the selected language's background. */
  100: string;
  /** Focus outlines and outlined buttons. */
  600: string;
  /** Links and the main buttons' background (white text on it). */
  700: string;
  /** Headings, and the buttons' hover background. */
  900: string;
  /** Whether the accent itself was too light for text and the text shades were darkened from it. */
  darkened: boolean;
};

/**
 * The five shades from one accent. Light shades are tints of the accent over white; the others are
 * the accent (or a deeper step of it) darkened until every pairing the pages use passes:
 * 600/700 as text on white and on both light shades and under white text (4.5:1); 900 the same at 7:1.
 */
export function toBrandPalette(accentHex: string): BrandPalette {
  const accent = parseHex(accentHex);
  const tint50 = mix(WHITE, accent, 0.06);
  const tint100 = mix(WHITE, accent, 0.14);
  const light = [WHITE, tint50, tint100];
  const shade600 = darkenUntil(accent, TEXT_CONTRAST, light);
  // Each deeper step starts darker than the one before, so hover states still show a change.
  const shade700 = darkenUntil(mix(shade600, BLACK, 0.15), TEXT_CONTRAST, light);
  const shade900 = darkenUntil(mix(shade600, BLACK, 0.5), STRONG_CONTRAST, light);
  return {
    accent: toHex(accent), 50: toHex(tint50), 100: toHex(tint100),
    600: toHex(shade600), 700: toHex(shade700), 900: toHex(shade900),
    darkened: toHex(shade600) !== toHex(accent),
  };
}

/** The CSS that overrides the stylesheet's `--color-brand-*` theme variables, for a `<style>` in the page head. */
export function toBrandCss(palette: BrandPalette): string {
  const shades = (['50', '100', '600', '700', '900'] as const).map((shade) => `--color-brand-${shade}:${palette[shade]};`).join('');
  return `:root{${shades}--color-brand-accent:${palette.accent};}`;
}
