import type { ReturnFlowDeps } from '~/cases/return/return-flow.server';
import type { Services } from '~/services.server';

/** The return use cases' dependencies, picked from the composition root. */
export const returnDeps = (services: Services): ReturnFlowDeps => ({
  orders: services.orders,
  shopifyReturns: services.shopifyReturns,
  catalog: services.catalog,
  cases: services.cases,
  policy: services.policy,
  timeZone: services.config.timeZone,
  hashId: services.hashId,
  helpdesk: services.helpdesk !== null,
  photos: services.photos,
  drafts: services.returnDrafts,
});
