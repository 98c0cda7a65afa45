import { z } from 'zod';
import { booleanish, type ModeEnv } from '~/utils/env-fields';

/**
 * Security's fragment of the configuration (composed by app/env.server.ts): the key everything
 * signed is signed with, who may frame the portal, the key Gorgias calls the portal with, and
 * whether to believe a proxy's client address. The sandbox has stand-ins for the two keys.
 */

/** CSP sources only: no `;` or newline can sneak another directive into the header. */
const FRAME_ANCESTORS = /^(?:'self'|'none'|https:\/\/[\w.*-]+(?::\d+)?)(?: (?:'self'|https:\/\/[\w.*-]+(?::\d+)?))*$/;

export const SecurityEnvShape = {
  COMPTOIR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COMPTOIR_FRAME_ANCESTORS: z
    .string()
    .regex(FRAME_ANCESTORS, "must be 'self', 'none' or space-separated https origins")
    .default("'self'"),
  COMPTOIR_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  TRUST_PROXY: booleanish.default(false),
};

type SecurityEnv = ModeEnv & z.infer<z.ZodObject<typeof SecurityEnvShape>>;

/** Sandbox stand-ins for live secrets; they unlock nothing outside loopback. */
const SANDBOX_SECRET = 'sandbox-secret-not-for-production-use-0000';
export const SANDBOX_API_KEY = 'sandbox-api-key-not-for-production';

export function toSecurityConfig(env: SecurityEnv) {
  const sandbox = env.COMPTOIR_MODE === 'sandbox';
  return {
    /** Live mode refuses to start without COMPTOIR_SECRET (app/env.server.ts). */
    secret: env.COMPTOIR_SECRET ?? SANDBOX_SECRET,
    frameAncestors: env.COMPTOIR_FRAME_ANCESTORS,
    /** Key of the endpoints Gorgias calls (links, sidebar); null disables them. The sandbox has one to try. */
    apiKey: env.COMPTOIR_API_KEY ?? (sandbox ? SANDBOX_API_KEY : null),
    trustProxy: env.TRUST_PROXY,
  };
}
