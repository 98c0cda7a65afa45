import type { ProblemDeps } from '~/cases/problem/problem-request.server';
import type { Services } from '~/services.server';

/** The problem report's use cases' dependencies, picked from the composition root. */
export const problemDeps = (services: Services): ProblemDeps => ({
  orders: services.orders,
  cases: services.cases,
  policy: services.policy,
  timeZone: services.config.timeZone,
  hashId: services.hashId,
  helpdesk: services.helpdesk !== null,
  photos: services.photos,
});
