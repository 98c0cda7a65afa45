import { z } from 'zod';
import type { ModeEnv } from '~/utils/env-fields';

/**
 * AfterShip Returns' fragment of the configuration (composed by app/env.server.ts): the API key the
 * portal creates and approves returns with, the secret AfterShip signs its webhooks with, and the
 * API's base URL with its version. In the sandbox, with none of them set, the emulator mounted in
 * the portal stands in with its well-known key and secret.
 */

/** The Returns API version this client and the emulator speak. */
export const AFTERSHIP_API_VERSION = '2026-07';
export const AFTERSHIP_LIVE_URL = `https://api.aftership.com/returns/${AFTERSHIP_API_VERSION}`;

export const AftershipEnvShape = {
  AFTERSHIP_API_KEY: z.string().min(8, 'must be an AfterShip API key (Organization settings → API keys)').optional(),
  AFTERSHIP_WEBHOOK_SECRET: z.string().min(8, 'must be the webhook secret shown in AfterShip Returns → Settings → Webhooks').optional(),
  AFTERSHIP_API_URL: z
    .url({ protocol: /^https?$/, error: `must be the Returns API base URL with its version, like ${AFTERSHIP_LIVE_URL}` })
    .refine((url) => /\/returns\/(\d{4}-\d{2})\/?$/.test(new URL(url).pathname), `must end with the API version, like ${AFTERSHIP_LIVE_URL}`)
    .optional(),
};

type AftershipEnv = ModeEnv & z.infer<z.ZodObject<typeof AftershipEnvShape>>;

/** The sandbox's demo organization: it unlocks nothing outside loopback. */
export const SANDBOX_AFTERSHIP_API_KEY = 'sandbox-aftership-key';
export const SANDBOX_AFTERSHIP_WEBHOOK_SECRET = 'sandbox-aftership-webhook-secret';
/** Where the mounted emulator answers; server.ts puts the portal's origin in front. */
export const SANDBOX_AFTERSHIP_PATH = `/__sandbox/aftership-api/returns/${AFTERSHIP_API_VERSION}`;

/** The key and the secret go together: a portal that creates returns must also hear how they end. */
export function checkAftershipEnv(env: AftershipEnv, ctx: z.RefinementCtx): void {
  const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  if (env.AFTERSHIP_API_KEY && !env.AFTERSHIP_WEBHOOK_SECRET) issue('AFTERSHIP_WEBHOOK_SECRET', 'is required with AFTERSHIP_API_KEY');
  if (env.AFTERSHIP_WEBHOOK_SECRET && !env.AFTERSHIP_API_KEY) issue('AFTERSHIP_API_KEY', 'is required with AFTERSHIP_WEBHOOK_SECRET');
  const standaloneEmulator = env.COMPTOIR_MODE === 'sandbox' && !env.AFTERSHIP_API_KEY;
  if (env.AFTERSHIP_API_URL && !env.AFTERSHIP_API_KEY && !standaloneEmulator) issue('AFTERSHIP_API_KEY', 'is required with AFTERSHIP_API_URL');
}

export type AftershipConfig = {
  /** `https://api.aftership.com/returns/2026-07`, or the emulator's. */
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
  /** The emulator answers on the portal's own port (server.ts fills in its origin). */
  mounted: boolean;
};

/**
 * AfterShip, when configured; in sandbox mode without a key, the emulator: mounted in the portal
 * unless AFTERSHIP_API_URL names a standalone one.
 */
export function toAftershipConfig(env: AftershipEnv): AftershipConfig | null {
  if (env.AFTERSHIP_API_KEY && env.AFTERSHIP_WEBHOOK_SECRET) {
    return { baseUrl: env.AFTERSHIP_API_URL ?? AFTERSHIP_LIVE_URL, apiKey: env.AFTERSHIP_API_KEY, webhookSecret: env.AFTERSHIP_WEBHOOK_SECRET, mounted: false };
  }
  if (env.COMPTOIR_MODE !== 'sandbox') return null;
  return {
    baseUrl: env.AFTERSHIP_API_URL ?? `http://127.0.0.1${SANDBOX_AFTERSHIP_PATH}`,
    apiKey: SANDBOX_AFTERSHIP_API_KEY,
    webhookSecret: SANDBOX_AFTERSHIP_WEBHOOK_SECRET,
    mounted: !env.AFTERSHIP_API_URL,
  };
}
