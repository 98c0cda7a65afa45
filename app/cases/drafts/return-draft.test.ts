import { describe, expect, it } from 'vitest';
import { checkStep, firstIncompleteStep, reachableStep, type StepFacts } from './draft-steps';
import { addDraftPhotos, applyItems, applyRefund, applyWhy, MAX_PHOTOS_PER_LINE, newReturnDraft, ReturnDraftSchema } from './return-draft';

const TOP = 'gid://shopify/FulfillmentLineItem/1';
const SCARF = 'gid://shopify/FulfillmentLineItem/2';
const facts: StepFacts = {
  returnable: new Map([[TOP, 2], [SCARF, 1]]),
  reasons: [
    { id: 'changed-mind', photos: 0, conditions: ['unworn', 'tags-attached'] },
    { id: 'defective', photos: 2, conditions: [] },
  ],
  refundMethods: ['original_payment', 'store_credit'],
  exchanges: null,
};
const fresh = () => newReturnDraft('0f8fad5b-d9cb-469f-a165-70867728950e');
const chooseTop = () => applyItems(fresh(), [{ lineId: TOP, selected: true, quantity: 1 }, { lineId: SCARF, selected: false, quantity: 1 }], facts.returnable).draft;
const why = (reasonId: string | null, more: Partial<{ conditions: string[]; removePhotos: string[]; note: string }> = {}) =>
  ({ lineId: TOP, reasonId, note: more.note ?? '', conditions: more.conditions ?? [], removePhotos: more.removePhotos ?? [] });

describe('return draft', () => {
  it('keeps answers by line id: choosing items again keeps the reason and photos of the ones still chosen', () => {
    let draft = applyWhy(chooseTop(), [why('defective')]).draft;
    draft = addDraftPhotos(draft, TOP, ['k1', 'k2']).draft;
    // The page lists the lines in another order now: answers stay with their line.
    const again = applyItems(draft, [{ lineId: SCARF, selected: true, quantity: 1 }, { lineId: TOP, selected: true, quantity: 2 }], facts.returnable);
    expect(again.draft.lines[TOP]).toMatchObject({ quantity: 2, reasonId: 'defective', photoKeys: ['k1', 'k2'] });
    expect(again.draft.lines[SCARF]).toMatchObject({ quantity: 1, reasonId: null, photoKeys: [] });
  });

  it('drops an item no longer chosen, naming its photos to delete, and ignores lines that cannot be returned', () => {
    const draft = addDraftPhotos(chooseTop(), TOP, ['k1']).draft;
    const result = applyItems(draft, [{ lineId: TOP, selected: false, quantity: 1 }, { lineId: 'gid://shopify/FulfillmentLineItem/9', selected: true, quantity: 1 }], facts.returnable);
    expect(result.draft.lines).toEqual({});
    expect(result.dropped).toEqual(['k1']);
  });

  it('takes at most five photos per item and says which did not fit', () => {
    const keys = Array.from({ length: MAX_PHOTOS_PER_LINE + 2 }, (_, i) => `k${i}`);
    const result = addDraftPhotos(chooseTop(), TOP, keys);
    expect(result.draft.lines[TOP]!.photoKeys).toHaveLength(MAX_PHOTOS_PER_LINE);
    expect(result.refused).toEqual(['k5', 'k6']);
    expect(addDraftPhotos(fresh(), TOP, ['k']).refused).toEqual(['k']);
  });

  it('removes only the photos asked for, of the item asked for', () => {
    const draft = addDraftPhotos(chooseTop(), TOP, ['k1', 'k2']).draft;
    const result = applyWhy(draft, [why('defective', { removePhotos: ['k2', 'someone-else'] })]);
    expect(result.draft.lines[TOP]!.photoKeys).toEqual(['k1']);
    expect(result.removed).toEqual(['k2']);
  });

  it('parses back what it saves (the JSON column)', () => {
    const draft = applyRefund(applyWhy(chooseTop(), [why('changed-mind', { conditions: ['unworn'] })]).draft, 'store_credit');
    expect(ReturnDraftSchema.parse(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });
});

describe('return steps', () => {
  it('asks for at least one item first', () => {
    expect(checkStep('items', fresh(), facts)).toEqual({ step: 'items', form: ['returns:errors.nothingSelected'], lines: {} });
    expect(firstIncompleteStep(fresh(), facts)).toBe('items');
  });

  it('refuses more units than can be returned, or a line that can no longer be', () => {
    const draft = { ...chooseTop(), lines: { [TOP]: { ...chooseTop().lines[TOP]!, quantity: 3 } } };
    expect(checkStep('items', draft, facts)?.lines[TOP]).toEqual({ quantity: ['policy:quote.quantityTooHigh'] });
    expect(checkStep('items', chooseTop(), { ...facts, returnable: new Map() })?.lines[TOP]).toEqual({ quantity: ['policy:quote.lineNotEligible'] });
  });

  it('asks "changed mind" for its conditions and no photo', () => {
    const missing = applyWhy(chooseTop(), [why('changed-mind', { conditions: ['unworn'] })]).draft;
    expect(checkStep('why', missing, facts)?.lines[TOP]).toEqual({ conditions: ['returns:errors.conditionsRequired'] });
    const done = applyWhy(chooseTop(), [why('changed-mind', { conditions: ['tags-attached', 'unworn'] })]).draft;
    expect(checkStep('why', done, facts)).toBeNull();
  });

  it('asks a faulty item for no condition, only its photos', () => {
    const draft = applyWhy(chooseTop(), [why('defective')]).draft;
    expect(checkStep('why', draft, facts)?.lines[TOP]).toEqual({ photos: ['policy:quote.photosRequired'] });
    expect(checkStep('why', addDraftPhotos(draft, TOP, ['k1', 'k2']).draft, facts)).toBeNull();
  });

  it('wants a known reason for every chosen item', () => {
    expect(checkStep('why', chooseTop(), facts)?.lines[TOP]).toEqual({ reasonId: ['returns:errors.reasonRequired'] });
    expect(checkStep('why', applyWhy(chooseTop(), [why('bored')]).draft, facts)?.lines[TOP]).toEqual({ reasonId: ['policy:quote.reasonUnknown'] });
  });

  it('wants a refund method the policy offers', () => {
    expect(checkStep('refund', applyRefund(chooseTop(), 'store_credit'), { ...facts, refundMethods: ['original_payment'] })?.form).toEqual(['returns:errors.refundMethodRequired']);
  });

  it('opens a later step only once the earlier ones are done', () => {
    const whyDone = applyWhy(chooseTop(), [why('changed-mind', { conditions: ['unworn', 'tags-attached'] })]).draft;
    expect(reachableStep('review', chooseTop(), facts)).toBe('why');
    expect(reachableStep('items', whyDone, facts)).toBe('items');
    expect(reachableStep('review', whyDone, facts)).toBe('refund');
    expect(reachableStep('review', applyRefund(whyDone, 'original_payment'), facts)).toBe('review');
  });
});
