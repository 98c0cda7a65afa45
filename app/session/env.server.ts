import { z } from 'zod';
import { positiveInt } from '~/utils/env-fields';

/**
 * The session's fragment of the configuration (composed by app/env.server.ts): how a shopper
 * proves an order is theirs, and how long the links minted for shoppers and for agents open it.
 */
export const SessionEnvShape = {
  COMPTOIR_LINK_TTL_HOURS: positiveInt.max(24 * 30).default(72),
  COMPTOIR_AGENT_LINK_DAYS: positiveInt.max(365).default(30),
  COMPTOIR_LOOKUP_SECOND_FACTOR: z.enum(['none', 'zip', 'phone']).default('none'),
};

type SessionEnv = z.infer<z.ZodObject<typeof SessionEnvShape>>;

export function toSessionConfig(env: SessionEnv) {
  return {
    links: { ttlMs: env.COMPTOIR_LINK_TTL_HOURS * 3_600_000 },
    /** How long the case links written on tickets and in the sidebar open the agent's case page. */
    agentLinks: { ttlMs: env.COMPTOIR_AGENT_LINK_DAYS * 86_400_000 },
    lookupSecondFactor: env.COMPTOIR_LOOKUP_SECOND_FACTOR,
  };
}
