import type { CaseOf, CaseStore } from '~/cases/case-store';
import type { ShopifyReturns, ShopifyReturnError } from '~/cases/ports';
import { isUpstreamError } from '~/utils/upstream-error';

type Case = CaseOf<'return'>;

export type ReleaseExchangeDeps = {
  cases: Pick<CaseStore, 'listEvents' | 'appendEvent'>;
  shopifyReturns: Pick<ShopifyReturns, 'releaseExchange'>;
  clock: () => Date;
};

/**
 * Lets the new items of an exchange ship before the returned ones arrive, when the policy says so:
 * at once (instant exchange) or once the return is on its way. Shopify holds an exchange until its
 * return is processed; processing its exchange lines alone releases them. Logged once per case
 * (`exchange_released`, or `exchange_release_refused` with Shopify's codes for the agent); the
 * call itself is safe to repeat. Outages are thrown for the job to retry; an answer Shopify will
 * never change (an unknown field, a bad shape) is a refusal, so the case itself goes on.
 */
export async function releaseExchangeOnce(deps: ReleaseExchangeDeps, found: Case): Promise<void> {
  const returnId = found.providerRefs.shopifyReturnId;
  if (!returnId) return;
  const events = await deps.cases.listEvents(found.id);
  if (events.some((e) => e.type === 'exchange_released' || e.type === 'exchange_release_refused')) return;
  const released = await release(deps, returnId);
  const at = deps.clock();
  if (released.ok) {
    await deps.cases.appendEvent(found.id, { at, type: 'exchange_released', actor: 'system', data: { shopifyReturnId: returnId, units: released.units } });
  } else {
    await deps.cases.appendEvent(found.id, {
      at, type: 'exchange_release_refused', actor: 'store',
      data: { shopifyReturnId: returnId, codes: released.errors.map((error) => error.code ?? 'UNKNOWN'), messages: released.errors.map((error) => error.message) },
    });
  }
}

async function release(deps: ReleaseExchangeDeps, returnId: string): Promise<{ ok: true; units: number } | { ok: false; errors: ShopifyReturnError[] }> {
  try {
    return await deps.shopifyReturns.releaseExchange(returnId);
  } catch (error) {
    if (!isUpstreamError(error) || error.retryable) throw error;
    return { ok: false, errors: [{ code: error.code, message: error.message, field: null }] };
  }
}
