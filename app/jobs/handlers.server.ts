import type { CaseStore } from '~/cases/case-store';
import type { ShopifyReturns } from '~/cases/ports';
import type { Config } from '~/env.server';
import type { Policy } from '~/policy/policy-schema';
import { QUEUES, SHOPIFY_SUBMIT_RETURN, type QueueSettings } from './job-names';
import { createSubmitReturnHandler } from './submit-return.server';
import type { JobHandlers } from './workers.server';

export type JobDependencies = {
  config: Config;
  cases: CaseStore;
  policy: Policy;
  shopifyReturns: ShopifyReturns;
  clock: () => Date;
  /** The queue settings given to `createQueue`, when not Comptoir's own (tests use short ones). */
  queues?: Record<string, QueueSettings>;
};

/**
 * The job handlers every worker process runs, built from the same dependencies in the web
 * process (workers on) and in `npm run worker`: the composition root's services fit as they are.
 */
export function createJobHandlers(dependencies: JobDependencies): JobHandlers {
  const queues = dependencies.queues ?? QUEUES;
  return {
    [SHOPIFY_SUBMIT_RETURN]: createSubmitReturnHandler({
      ...dependencies,
      retryLimit: (queues[SHOPIFY_SUBMIT_RETURN] ?? QUEUES[SHOPIFY_SUBMIT_RETURN]).retryLimit,
    }) as JobHandlers[string],
  };
}
