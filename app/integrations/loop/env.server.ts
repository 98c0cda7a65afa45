import { z } from 'zod';
import type { ModeEnv } from '~/utils/env-fields';

/**
 * Loop Returns' fragment of the configuration (composed by app/env.server.ts): a merchant API key
 * (Loop Admin → Returns Management → Tools & integrations → Developer Tools) and the secret Loop
 * signs its webhooks with. In the sandbox, with none of it set, the emulator mounted on the
 * portal's port stands in with its well-known key and secret.
 */
export const LoopEnvShape = {
  LOOP_API_URL: z.url({ protocol: /^https?$/, error: 'must be the Loop API host, such as https://api.loopreturns.com' }).optional(),
  LOOP_API_KEY: z.string().min(8, 'must be a Loop API key (Developer Tools)').optional(),
  LOOP_WEBHOOK_SECRET: z.string().min(8, 'must be the secret of the Loop webhooks (Developer Tools)').optional(),
};

type LoopEnv = ModeEnv & z.infer<z.ZodObject<typeof LoopEnvShape>>;

/** Loop's public API host; paths (`/api/v1/…`) are appended by the client. */
export const LOOP_PUBLIC_API_URL = 'https://api.loopreturns.com';
/** The sandbox emulator's key and webhook secret: they unlock nothing outside loopback. */
export const SANDBOX_LOOP_API_KEY = 'sandbox-loop-key';
export const SANDBOX_LOOP_WEBHOOK_SECRET = 'sandbox-loop-webhook-secret';
/** Where the emulator answers on the portal's own port (server.ts fills in the origin). */
export const LOOP_EMULATOR_MOUNT = '/__sandbox/loop-api';

/** A key without its webhook secret would issue labels whose progress the portal never hears of. */
export function checkLoopEnv(env: LoopEnv, ctx: z.RefinementCtx): void {
  const key = Boolean(env.LOOP_API_KEY);
  const secret = Boolean(env.LOOP_WEBHOOK_SECRET);
  if (key === secret) return;
  const missing = key ? 'LOOP_WEBHOOK_SECRET' : 'LOOP_API_KEY';
  ctx.addIssue({ code: 'custom', path: [missing], message: 'is required once LOOP_API_KEY or LOOP_WEBHOOK_SECRET is set' });
}

export type LoopConfig = { baseUrl: string; apiKey: string; webhookSecret: string; mounted: boolean };

/**
 * Loop, when configured. In sandbox mode without LOOP_API_KEY the emulator's key and secret are
 * used: on the portal's own port (`mounted`), or at LOOP_API_URL (a standalone emulator).
 */
export function toLoopConfig(env: LoopEnv): LoopConfig | null {
  if (env.LOOP_API_KEY && env.LOOP_WEBHOOK_SECRET) {
    return { baseUrl: env.LOOP_API_URL ?? LOOP_PUBLIC_API_URL, apiKey: env.LOOP_API_KEY, webhookSecret: env.LOOP_WEBHOOK_SECRET, mounted: false };
  }
  if (env.COMPTOIR_MODE !== 'sandbox') return null;
  return {
    baseUrl: env.LOOP_API_URL ?? `http://127.0.0.1${LOOP_EMULATOR_MOUNT}`,
    apiKey: SANDBOX_LOOP_API_KEY,
    webhookSecret: SANDBOX_LOOP_WEBHOOK_SECRET,
    mounted: !env.LOOP_API_URL,
  };
}
