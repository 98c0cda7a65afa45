import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../case-state';
import { toReturnAddressFor } from './return-address';

const address = ['Maison Lumière — Service retours', '14 rue des Artisans', '69004 Lyon'];

describe('the return address on a case page', () => {
  it('shows once the return is accepted and until the parcel leaves, never before or after', () => {
    const shown = CASE_STATES.filter((state) => toReturnAddressFor(state, address) !== null);
    expect(shown).toEqual(['approved', 'label_issued']);
  });

  it('shows nothing when the store has not configured one', () => {
    expect(toReturnAddressFor('approved', null)).toBeNull();
  });
});
