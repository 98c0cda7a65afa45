import { describe, expect, it } from 'vitest';
import { darkenUntil, getContrast, parseHex, toBrandCss, toBrandPalette } from './palette';

const white = parseHex('#ffffff');
const contrast = (a: string, b: string) => getContrast(parseHex(a), parseHex(b));
// Tailwind 4's gray-700 and gray-900 in sRGB: the body text that sits on the page background.
const GRAY_700 = '#364153';
const GRAY_900 = '#101828';

describe('WCAG contrast', () => {
  it('matches the ratios WCAG publishes for its reference pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the classic lightest grey that passes 4.5:1 on white; #777777 does not.
    expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#ffffff', '#767676')).toBe(contrast('#767676', '#ffffff'));
  });

  it('refuses anything but #rrggbb', () => {
    for (const bad of ['#fff', 'red', '#12345g', '123456', '#1234567']) expect(() => parseHex(bad)).toThrow(/#rrggbb/);
  });

  it('darkens only as far as needed, keeping a colour that already passes', () => {
    const green = parseHex('#1f5c4d');
    expect(darkenUntil(green, 4.5, [white])).toEqual(green);
    const gold = parseHex('#d99a1e');
    const darker = darkenUntil(gold, 4.5, [white]);
    expect(getContrast(darker, white)).toBeGreaterThanOrEqual(4.5);
    expect(getContrast(darker, white)).toBeLessThan(4.7);
  });
});

describe('the brand palette from one accent', () => {
  it("keeps Comptoir's own green as its text shade", () => {
    const palette = toBrandPalette('#1f5c4d');
    expect(palette[600]).toBe('#1f5c4d');
    expect(palette.darkened).toBe(false);
  });

  it('darkens a pale accent for text and says so, keeping the accent itself for decoration', () => {
    const palette = toBrandPalette('#d99a1e');
    expect(palette.darkened).toBe(true);
    expect(palette.accent).toBe('#d99a1e');
    expect(contrast(palette[600], '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  // Every pairing the pages use, for colours from white to black and the whole hue circle.
  const samples = ['#ffffff', '#000000', '#ffff00', '#00ffff', '#ff00ff', '#d99a1e', '#1f5c4d', '#7fffd4', '#0000ff', '#ff0000', '#808080', '#fafafa',
    ...Array.from({ length: 36 }, (_, i) => `#${[0, 1, 2].map((k) => Math.round(127.5 + 127.5 * Math.cos((i * 10 * Math.PI) / 180 + (k * 2 * Math.PI) / 3)).toString(16).padStart(2, '0')).join('')}`)];
  it.each(samples)('%s: every text pairing passes AA, headings AAA', (accent) => {
    const p = toBrandPalette(accent);
    for (const background of ['#ffffff', p[50], p[100]]) {
      expect(contrast(p[600], background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p[700], background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p[900], background)).toBeGreaterThanOrEqual(7);
      expect(contrast(GRAY_700, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(GRAY_900, background)).toBeGreaterThanOrEqual(7);
    }
    // Buttons: white text on 700, and on 900 when hovered.
    expect(contrast('#ffffff', p[700])).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#ffffff', p[900])).toBeGreaterThanOrEqual(4.5);
  });

  it('gives each deeper shade a visible step down, so hover states still show', () => {
    const p = toBrandPalette('#1f5c4d');
    expect(contrast(p[700], '#ffffff')).toBeGreaterThan(contrast(p[600], '#ffffff'));
    expect(contrast(p[900], '#ffffff')).toBeGreaterThan(contrast(p[700], '#ffffff'));
  });

  it('writes the theme variables Tailwind reads', () => {
    expect(toBrandCss(toBrandPalette('#1f5c4d'))).toMatch(/^:root\{--color-brand-50:#[0-9a-f]{6};--color-brand-100:#[0-9a-f]{6};--color-brand-600:#1f5c4d;--color-brand-700:#[0-9a-f]{6};--color-brand-900:#[0-9a-f]{6};--color-brand-accent:#1f5c4d;\}$/);
  });
});
