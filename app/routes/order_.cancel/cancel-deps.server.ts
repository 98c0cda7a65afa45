import type { CancelDeps } from '~/cases/cancellation/cancel-request.server';
import { asCaseOf } from '~/cases/case-kind-guards';
import { KINDS } from '~/cases/kinds';
import type { Services } from '~/services.server';

/** The cancellation use cases' dependencies, picked from the composition root. */
export function cancelDeps(services: Services): CancelDeps {
  const executor = KINDS.cancellation.execute({
    cases: services.cases, shopifyReturns: services.shopifyReturns, orderCancel: services.orderCancel, orderAddress: services.orderAddress, refunds: services.refunds, policy: services.policy, clock: services.clock,
  });
  return {
    orders: services.orders,
    cases: services.cases,
    policy: services.policy,
    timeZone: services.config.timeZone,
    hashId: services.hashId,
    helpdesk: services.helpdesk !== null,
    executeNow: (found) => executor.run(asCaseOf(found, 'cancellation')),
  };
}
