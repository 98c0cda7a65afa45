import type { AddressDeps } from '~/cases/address-change/address-request.server';
import { asCaseOf } from '~/cases/case-kind-guards';
import { KINDS } from '~/cases/kinds';
import type { Services } from '~/services.server';

/** The address-change use cases' dependencies, picked from the composition root. */
export function addressDeps(services: Services): AddressDeps {
  const executor = KINDS.address_change.execute({
    cases: services.cases, shopifyReturns: services.shopifyReturns, orderCancel: services.orderCancel, orderAddress: services.orderAddress,
    orders: services.orders, policy: services.policy, clock: services.clock,
  });
  return {
    orders: services.orders,
    cases: services.cases,
    policy: services.policy,
    timeZone: services.config.timeZone,
    hashId: services.hashId,
    helpdesk: services.helpdesk !== null,
    shippingCountries: () => services.orderAddress.listShippingCountries(),
    codes: services.oneTimeCodes,
    executeNow: (found) => executor.run(asCaseOf(found, 'address_change')),
  };
}
