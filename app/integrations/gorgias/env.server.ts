import { z } from 'zod';
import type { HelpdeskOptions } from '~/helpdesk/options';
import { HELPDESK_PRIORITIES } from '~/helpdesk/ports';
import type { ModeEnv } from '~/utils/env-fields';

/**
 * Gorgias's fragment of the configuration (composed by app/env.server.ts): the account the portal
 * files tickets with (a REST API key of one Gorgias user) and the merchant's ticket options. In the
 * sandbox, with none of it set, the emulator's demo account stands in and shows every option.
 */

/** A Gorgias record id, with one message whatever is wrong with it. */
const gorgiasId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const GorgiasEnvShape = {
  GORGIAS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  GORGIAS_EMAIL: z.email('must be the email of the Gorgias user the API key belongs to').optional(),
  GORGIAS_API_KEY: z.string().min(8, 'must be the Gorgias REST API key').optional(),
  GORGIAS_REVIEW_TEAM_ID: gorgiasId('must be the id of a Gorgias team (a whole number, see GET /api/teams)').optional(),
  GORGIAS_REVIEW_PRIORITY: z.enum(HELPDESK_PRIORITIES, 'must be low, normal, high or critical').optional(),
  GORGIAS_PUBLIC_REPLY: z.enum(['on', 'off'], 'must be on or off').optional(),
  GORGIAS_EMAIL_INTEGRATION_ID: gorgiasId('must be the id of a Gorgias email integration (a whole number)').optional(),
  GORGIAS_REPLY_FROM: z.email('must be the address of that Gorgias email integration').optional(),
  GORGIAS_CASE_FIELD_ID: gorgiasId('must be the id of a Gorgias ticket field of type text (a whole number, see GET /api/custom-fields?object_type=Ticket)').optional(),
};

/** The public reply links the shopper to their case, so it reads the portal's address too. */
type GorgiasEnv = ModeEnv & { COMPTOIR_PUBLIC_URL?: string | undefined } & z.infer<z.ZodObject<typeof GorgiasEnvShape>>;

/** The sandbox's demo account: it unlocks nothing outside loopback. */
export const SANDBOX_GORGIAS_EMAIL = 'agent@comptoir-demo.example';
export const SANDBOX_GORGIAS_KEY = 'sandbox-gorgias-key';
/** The demo account's "Returns review" team and email integration (the emulator's default seed). */
export const SANDBOX_GORGIAS_REVIEW_TEAM_ID = 3;
export const SANDBOX_GORGIAS_EMAIL_INTEGRATION = { id: 1, address: 'support@comptoir-demo.example' } as const;
/** The demo account's "Comptoir case" ticket field. */
export const SANDBOX_GORGIAS_CASE_FIELD_ID = 1;

const ACCOUNT = ['GORGIAS_BASE_URL', 'GORGIAS_EMAIL', 'GORGIAS_API_KEY'] as const;
const HELPDESK_OPTIONS = ['GORGIAS_REVIEW_TEAM_ID', 'GORGIAS_REVIEW_PRIORITY', 'GORGIAS_PUBLIC_REPLY', 'GORGIAS_EMAIL_INTEGRATION_ID', 'GORGIAS_REPLY_FROM', 'GORGIAS_CASE_FIELD_ID'] as const;

/** The sandbox's demo account stands in for a real one: no GORGIAS_ credentials given. */
const usesDemoAccount = (env: GorgiasEnv) => env.COMPTOIR_MODE === 'sandbox' && !env.GORGIAS_EMAIL && !env.GORGIAS_API_KEY;

/**
 * The account is all or nothing, since a half-configured helpdesk would silently drop tickets;
 * ticket options need an account to apply to, and a public reply needs its sending address.
 */
export function checkGorgiasEnv(env: GorgiasEnv, ctx: z.RefinementCtx): void {
  const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  const given = ACCOUNT.filter((key) => env[key]);
  // In the sandbox, a standalone emulator (npm run sandbox:gorgias) is named by its URL alone.
  const emulatorUrlOnly = env.COMPTOIR_MODE === 'sandbox' && given.length === 1 && given[0] === 'GORGIAS_BASE_URL';
  if (given.length > 0 && given.length < ACCOUNT.length && !emulatorUrlOnly) {
    for (const key of ACCOUNT) if (!env[key]) issue(key, 'is required once any GORGIAS_ variable is set');
  }
  if (usesDemoAccount(env)) return;
  if (!env.GORGIAS_BASE_URL || !env.GORGIAS_EMAIL || !env.GORGIAS_API_KEY) {
    for (const key of HELPDESK_OPTIONS) if (env[key] !== undefined) issue(key, 'needs Gorgias: set GORGIAS_BASE_URL, GORGIAS_EMAIL and GORGIAS_API_KEY');
    return;
  }
  // Notes written by a worker link the case page, the agent page and photos: with no address
  // given, a live portal would write links to nowhere (or to a worker's own loopback address).
  if (env.COMPTOIR_MODE === 'live' && !env.COMPTOIR_PUBLIC_URL) {
    issue('COMPTOIR_PUBLIC_URL', 'is required in live mode with Gorgias: ticket notes link the case page, the agent page and the photos');
  }
  if (env.GORGIAS_PUBLIC_REPLY !== 'on') return;
  if (!env.GORGIAS_EMAIL_INTEGRATION_ID) issue('GORGIAS_EMAIL_INTEGRATION_ID', 'is required when GORGIAS_PUBLIC_REPLY=on');
  if (!env.GORGIAS_REPLY_FROM) issue('GORGIAS_REPLY_FROM', 'is required when GORGIAS_PUBLIC_REPLY=on');
  if (!env.COMPTOIR_PUBLIC_URL) issue('COMPTOIR_PUBLIC_URL', 'is required when GORGIAS_PUBLIC_REPLY=on: the reply links the shopper to their case');
}

export type GorgiasConfig = { baseUrl: string; email: string; apiKey: string; mounted: boolean } & HelpdeskOptions;

/**
 * Gorgias, when configured. In sandbox mode without GORGIAS_* the emulator is mounted in the
 * portal (`mounted`; server.ts fills in its URL) with its well-known sandbox account.
 */
export function toGorgiasConfig(env: GorgiasEnv): GorgiasConfig | null {
  if (env.GORGIAS_BASE_URL && env.GORGIAS_EMAIL && env.GORGIAS_API_KEY) {
    return { baseUrl: env.GORGIAS_BASE_URL, email: env.GORGIAS_EMAIL, apiKey: env.GORGIAS_API_KEY, mounted: false, ...toHelpdeskOptions(env, false) };
  }
  if (env.COMPTOIR_MODE !== 'sandbox') return null;
  return {
    baseUrl: env.GORGIAS_BASE_URL ?? 'http://127.0.0.1/__sandbox/gorgias-api', email: SANDBOX_GORGIAS_EMAIL, apiKey: SANDBOX_GORGIAS_KEY,
    mounted: !env.GORGIAS_BASE_URL, ...toHelpdeskOptions(env, true),
  };
}

/** The demo account shows every option (review team, high priority, public reply) unless turned off. */
function toHelpdeskOptions(env: GorgiasEnv, demo: boolean): HelpdeskOptions {
  const review = {
    teamId: env.GORGIAS_REVIEW_TEAM_ID ?? (demo ? SANDBOX_GORGIAS_REVIEW_TEAM_ID : null),
    priority: env.GORGIAS_REVIEW_PRIORITY ?? (demo ? 'high' as const : null),
  };
  const replying = (env.GORGIAS_PUBLIC_REPLY ?? (demo ? 'on' : 'off')) === 'on';
  const id = env.GORGIAS_EMAIL_INTEGRATION_ID ?? (demo ? SANDBOX_GORGIAS_EMAIL_INTEGRATION.id : null);
  const address = env.GORGIAS_REPLY_FROM ?? (demo ? SANDBOX_GORGIAS_EMAIL_INTEGRATION.address : null);
  const caseFieldId = env.GORGIAS_CASE_FIELD_ID ?? (demo ? SANDBOX_GORGIAS_CASE_FIELD_ID : null);
  return { review, publicReply: replying && id && address ? { emailIntegration: { id, address } } : null, caseFieldId };
}
