import type { CaseStore } from '~/cases/case-store';
import type { Config } from '~/env.server';
import type { JobHandlers } from './workers.server';

export type JobDependencies = { config: Config; cases: CaseStore };

/**
 * The job handlers every worker process runs, built from the same dependencies in the web
 * process (workers on) and in `npm run worker`. Until the Shopify submission worker lands,
 * `shopify.submit-return` jobs wait in their queue.
 */
export function createJobHandlers(_dependencies: JobDependencies): JobHandlers {
  return {};
}
