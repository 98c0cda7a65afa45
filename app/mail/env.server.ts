import { z } from 'zod';
import type { ModeEnv } from '~/utils/env-fields';

/**
 * Mail's fragment of the configuration (composed by app/env.server.ts): the SMTP server that
 * sends shoppers their one-time codes, and the sender they see. Live mode needs both; the sandbox,
 * with neither, sends to its own loopback mailbox (`/__sandbox/mailbox`).
 */

/** `Name <address>` or a bare address, on one line: no header can be slipped in. */
const MAILBOX = /^(?:[^<>\r\n]+<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

export const MailEnvShape = {
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, such as smtps://user:password@smtp.example.com:465' }).optional(),
  MAIL_FROM: z.string().trim().regex(MAILBOX, 'must be a sender such as "Maison Lumière <no-reply@maison-lumiere.example>"').optional(),
};

type MailEnv = ModeEnv & z.infer<z.ZodObject<typeof MailEnvShape>>;

/** The sandbox's sender address: the mailbox takes anything, and the domain is reserved. */
export const SANDBOX_MAIL_ADDRESS = 'no-reply@comptoir-demo.example';

/** Shoppers cannot change an address without their code, so live mode does not start without a way to send it. */
export function checkMailEnv(env: MailEnv, ctx: z.RefinementCtx): void {
  if (env.COMPTOIR_MODE !== 'live') return;
  if (!env.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in live mode: the smtp:// or smtps:// URL of the server that emails shoppers their one-time codes' });
  if (!env.MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required in live mode: the sender shoppers see, such as "Maison Lumière <no-reply@maison-lumiere.example>"' });
}

export function toMailConfig(env: MailEnv) {
  return {
    /** Null in the sandbox without SMTP_URL: the services start the loopback mailbox instead. */
    smtpUrl: env.SMTP_URL ?? null,
    /** Null in the sandbox without MAIL_FROM: the store's name at SANDBOX_MAIL_ADDRESS. */
    from: env.MAIL_FROM ?? null,
  };
}
