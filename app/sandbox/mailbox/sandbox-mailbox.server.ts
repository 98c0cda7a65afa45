import { startLoopbackSmtp } from './loopback-smtp.server';
import { createMailbox, type Mailbox } from './mailbox.server';

/*
 * The process's sandbox mailbox: the composition root starts it (sandbox mode, no SMTP_URL) and
 * the mounted page reads it, and neither knows the other. One at a time; the last one started is
 * the one shown.
 */
export type SandboxMailbox = { smtpUrl: string; mailbox: Mailbox; close(): Promise<void> };

let current: SandboxMailbox | null = null;

/** Starts the loopback SMTP server and its mailbox, and shows it at `/__sandbox/mailbox`. */
export async function startSandboxMailbox(): Promise<SandboxMailbox> {
  const mailbox = createMailbox();
  const smtp = await startLoopbackSmtp(mailbox);
  const started: SandboxMailbox = {
    smtpUrl: smtp.url,
    mailbox,
    async close() {
      if (current === started) current = null;
      await smtp.close();
    },
  };
  current = started;
  return started;
}

/** The running sandbox mailbox, or null when there is none (SMTP_URL set, or not started yet). */
export const currentSandboxMailbox = (): Mailbox | null => current?.mailbox ?? null;

/** Where the running sandbox mailbox takes SMTP (`smtp://127.0.0.1:<port>`), for tests and tools. */
export const currentSandboxSmtpUrl = (): string | null => current?.smtpUrl ?? null;
