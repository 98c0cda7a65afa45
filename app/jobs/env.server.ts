import { z } from 'zod';

/**
 * The jobs' fragment of the configuration (composed by app/env.server.ts): whether this web
 * process also runs the workers, or leaves them to `npm run worker` on this or other machines.
 */
export const JobsEnvShape = {
  COMPTOIR_WORKERS: z.enum(['on', 'off']).default('on'),
};

type JobsEnv = z.infer<z.ZodObject<typeof JobsEnvShape>>;

export const toJobsConfig = (env: JobsEnv) => ({ workers: env.COMPTOIR_WORKERS === 'on' });
