import { z } from 'zod';

/**
 * The database's fragment of the configuration (composed by app/env.server.ts): a PostgreSQL by
 * URL for many machines, or the embedded PGlite in the data folder for one box.
 */
export const DatabaseEnvShape = {
  COMPTOIR_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
};

type DatabaseEnv = z.infer<z.ZodObject<typeof DatabaseEnvShape>>;

export const toDatabaseConfig = (env: DatabaseEnv) => ({ url: env.DATABASE_URL, dataDir: env.COMPTOIR_DATA_DIR });
