import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent, CaseJob, CaseStore } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { SHOPIFY_RECORD_RETURN_TRACKING, SHOPIFY_RELEASE_EXCHANGE } from '~/jobs/job-names';
import { parseShopperTracking, recordShopperTracking } from './shopper-tracking';

describe('parseShopperTracking', () => {
  it('takes a known carrier and a number as printed, and links its tracking page', () => {
    expect(parseShopperTracking({ carrier: 'colissimo', trackingNumber: ' 6a 1234-5678 9 ' })).toEqual({
      ok: true, value: { carrier: 'Colissimo', trackingNumber: '6A123456789', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A123456789' },
    });
    expect(parseShopperTracking({ carrier: 'other', trackingNumber: 'ZX123456' })).toEqual({ ok: true, value: { carrier: null, trackingNumber: 'ZX123456', trackingUrl: null } });
  });

  it('names each field at fault with its message key', () => {
    expect(parseShopperTracking({ carrier: 'pigeon', trackingNumber: '12' })).toEqual({
      ok: false, errors: { carrier: 'returns:tracking.errors.carrier', trackingNumber: 'returns:tracking.errors.number' },
    });
    expect(parseShopperTracking({ carrier: 'ups', trackingNumber: '<script>1234' })).toEqual({ ok: false, errors: { trackingNumber: 'returns:tracking.errors.number' } });
    expect(parseShopperTracking({})).toMatchObject({ ok: false, errors: { carrier: expect.any(String), trackingNumber: expect.any(String) } });
  });
});

/** A case store of the test's own: one case, its events, and the moves and jobs asked of it. */
function storeWith(state: Case['state'], provider: string, lines: Partial<CaseLine>[] = []) {
  const found = { id: 'C-7KQ2M9XA', state, kind: 'return', details: { lines } } as unknown as Case;
  const events = [{ id: 1, caseId: found.id, at: new Date(), type: 'label_issued', actor: 'system', data: { provider } }] as CaseEvent[];
  const moves: { to: string; type: string; jobs: CaseJob[] }[] = [];
  const cases: Pick<CaseStore, 'listEvents' | 'advance'> = {
    listEvents: async () => events,
    advance: async (_id, from, steps, jobs) => {
      if (from !== found.state) return { ok: false, reason: 'stale' };
      moves.push({ to: steps[0]!.to, type: steps[0]!.event.type, jobs });
      return { ok: true, case: { ...found, state: steps.at(-1)!.to } as Case };
    },
  };
  return { found, moves, deps: { cases, clock: () => new Date('2026-12-02T10:00:00Z') } };
}

describe('recordShopperTracking', () => {
  it('moves a store-shipped return to in transit with tracking_added, and queues the Shopify write with it', async () => {
    const { found, moves, deps } = storeWith('label_issued', 'store');
    const result = await recordShopperTracking(deps, found, { carrier: 'dhl', trackingNumber: 'JD0146000012345678' });
    expect(result).toMatchObject({ ok: true, case: { state: 'in_transit' } });
    expect(moves).toEqual([{ to: 'in_transit', type: 'tracking_added', jobs: [{ name: SHOPIFY_RECORD_RETURN_TRACKING, data: { caseId: found.id } }] }]);
  });

  it('also asks Shopify to let an exchange go that ships once the return is on its way, and only that one', async () => {
    const exchanged = (ships: string): Partial<CaseLine> => ({ decision: 'approved', outcome: 'exchange', exchange: { ships } as CaseLine['exchange'] });
    const waiting = storeWith('label_issued', 'store', [exchanged('in_transit')]);
    await recordShopperTracking(waiting.deps, waiting.found, { carrier: 'dhl', trackingNumber: 'JD0146000012345678' });
    expect(waiting.moves[0]?.jobs.map((job) => job.name)).toEqual([SHOPIFY_RECORD_RETURN_TRACKING, SHOPIFY_RELEASE_EXCHANGE]);
    // Already released at once (instant), or left to the store's receipt: nothing more to ask.
    for (const ships of ['now', 'received']) {
      const other = storeWith('label_issued', 'store', [exchanged(ships)]);
      await recordShopperTracking(other.deps, other.found, { carrier: 'dhl', trackingNumber: 'JD0146000012345678' });
      expect(other.moves[0]?.jobs.map((job) => job.name)).toEqual([SHOPIFY_RECORD_RETURN_TRACKING]);
    }
  });

  it('refuses a bad number before touching the case', async () => {
    const { found, moves, deps } = storeWith('label_issued', 'store');
    expect(await recordShopperTracking(deps, found, { carrier: 'dhl', trackingNumber: '1' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(moves).toEqual([]);
  });

  it("takes no number for a provider's prepaid label, nor twice", async () => {
    const loop = storeWith('label_issued', 'loop');
    expect(await recordShopperTracking(loop.deps, loop.found, { carrier: 'dhl', trackingNumber: 'JD0146000012' })).toEqual({ ok: false, reason: 'not_expected' });
    const moved = storeWith('in_transit', 'store');
    expect(await recordShopperTracking(moved.deps, moved.found, { carrier: 'dhl', trackingNumber: 'JD0146000012' })).toEqual({ ok: false, reason: 'not_expected' });
    expect([...loop.moves, ...moved.moves]).toEqual([]);
  });
});
