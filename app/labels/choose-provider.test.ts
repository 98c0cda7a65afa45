import { describe, expect, it } from 'vitest';
import { LABEL_PROVIDERS, type LabelProviderName } from './ports';
import { chooseLabelProvider, findUnavailableProviders, type ProviderLine } from './choose-provider';

const reasons = [
  { id: 'faulty', labelProvider: 'loop' as const },
  { id: 'wrong-item', labelProvider: 'aftership' as const },
  { id: 'changed-mind', labelProvider: 'store' as const },
  { id: 'too-small' },
];
const line = (reasonId: string, decision: ProviderLine['decision'] = 'approved'): ProviderLine => ({ reasonId, decision });

describe('chooseLabelProvider', () => {
  it("uses the store's default for a reason that names no provider", () => {
    for (const fallback of LABEL_PROVIDERS) expect(chooseLabelProvider([line('too-small')], reasons, fallback)).toBe(fallback);
  });

  it("uses the reason's own provider over the default", () => {
    expect(chooseLabelProvider([line('faulty')], reasons, 'store')).toBe('loop');
    expect(chooseLabelProvider([line('changed-mind')], reasons, 'aftership')).toBe('store');
  });

  it('falls back to the default for a reason the policy no longer has', () => {
    expect(chooseLabelProvider([line('gone-reason')], reasons, 'aftership')).toBe('aftership');
  });

  it('ignores declined lines, and has no provider when nothing goes back', () => {
    expect(chooseLabelProvider([line('faulty', 'declined'), line('changed-mind')], reasons, 'aftership')).toBe('store');
    expect(chooseLabelProvider([line('faulty', 'declined')], reasons, 'loop')).toBeNull();
    expect(chooseLabelProvider([], reasons, 'loop')).toBeNull();
  });

  it('counts lines awaiting review as going back', () => {
    expect(chooseLabelProvider([line('faulty', 'needs_review')], reasons, 'store')).toBe('loop');
  });

  it('gives a prepaid label when a store-paid reason shares the parcel with a self-shipped one', () => {
    expect(chooseLabelProvider([line('changed-mind'), line('faulty')], reasons, 'store')).toBe('loop');
    expect(chooseLabelProvider([line('changed-mind'), line('changed-mind'), line('wrong-item')], reasons, 'store')).toBe('aftership');
  });

  it('prefers the default among disagreeing remote providers', () => {
    expect(chooseLabelProvider([line('faulty'), line('faulty'), line('wrong-item')], reasons, 'aftership')).toBe('aftership');
    expect(chooseLabelProvider([line('faulty'), line('too-small')], reasons, 'aftership')).toBe('aftership');
  });

  it('otherwise takes the provider most lines name, then loop before aftership, whatever the order', () => {
    expect(chooseLabelProvider([line('wrong-item'), line('faulty'), line('wrong-item')], reasons, 'store')).toBe('aftership');
    expect(chooseLabelProvider([line('wrong-item'), line('faulty')], reasons, 'store')).toBe('loop');
    expect(chooseLabelProvider([line('faulty'), line('wrong-item')], reasons, 'store')).toBe('loop');
  });

  it('chooses the same provider for every order of the same lines', () => {
    const all = [line('faulty'), line('wrong-item'), line('changed-mind'), line('too-small'), line('wrong-item', 'declined')];
    for (const fallback of LABEL_PROVIDERS) {
      const expected = chooseLabelProvider(all, reasons, fallback);
      for (let shift = 1; shift < all.length; shift++) {
        expect(chooseLabelProvider([...all.slice(shift), ...all.slice(0, shift)], reasons, fallback)).toBe(expected);
      }
    }
  });
});

describe('findUnavailableProviders', () => {
  it('names each reason whose provider has no adapter here', () => {
    const available: LabelProviderName[] = ['store', 'loop'];
    expect(findUnavailableProviders(reasons, available)).toEqual([{ reasonId: 'wrong-item', provider: 'aftership' }]);
    expect(findUnavailableProviders(reasons, LABEL_PROVIDERS)).toEqual([]);
  });
});
