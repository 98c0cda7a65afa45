import { existsSync } from 'node:fs';
import { parseEnv, type Config } from './env.server';
import { PolicyFileError } from './policy/load-policy.server';
import { createServices, type Services } from './services.server';

/*
 * What both process entries (server.ts and `npm run worker`) do first. A configuration the
 * merchant got wrong — a variable or the policy file — prints its message and exits, no stack.
 */
export function readConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

export async function createServicesOrExit(config: Config): Promise<Services> {
  try {
    return await createServices(config);
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
