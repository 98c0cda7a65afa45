import { describe, expect, it } from 'vitest';
import { toMarkedNote } from './execute.server';

describe('toMarkedNote', () => {
  it('puts the case id first, alone when the shopper wrote nothing', () => {
    expect(toMarkedNote('C-7KQ2M9XA', 'Trop serré')).toBe('[C-7KQ2M9XA] Trop serré');
    expect(toMarkedNote('C-7KQ2M9XA', null)).toBe('[C-7KQ2M9XA]');
  });

  it("keeps within Shopify's 255 characters without splitting an emoji", () => {
    const note = toMarkedNote('C-7KQ2M9XA', `${'a'.repeat(240)}${'👍'.repeat(10)}`);
    expect(note.length).toBeLessThanOrEqual(255);
    expect(note.startsWith('[C-7KQ2M9XA] ')).toBe(true);
    expect(note.endsWith('👍')).toBe(true);
  });
});
