import { z } from 'zod';

/**
 * The jobs' fragment of the configuration (composed by app/env.server.ts): whether this web
 * process also runs the workers, or leaves them to `npm run worker` on this or other machines.
 */
export const JobsEnvShape = {
  COMPTOIR_WORKERS: z.enum(['on', 'off']).default('on'),
  /** Jobs of one queue a process fetches together and runs at once (app/jobs/queue.server.ts). */
  COMPTOIR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
};

type JobsEnv = z.infer<z.ZodObject<typeof JobsEnvShape>>;

export const toJobsConfig = (env: JobsEnv) => ({ workers: env.COMPTOIR_WORKERS === 'on', workerConcurrency: env.COMPTOIR_WORKER_CONCURRENCY });
