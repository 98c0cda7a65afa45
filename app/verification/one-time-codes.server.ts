import { randomUUID } from 'node:crypto';
import type { Language } from '~/i18n';
import { toCodeEmail } from '~/mail/code-email.server';
import type { Mailer } from '~/mail/ports';
import { log } from '~/utils/log.server';
import { codeMatches, generateCode, hashCode } from './code-crypto.server';
import { CODE_TTL_MS, judgeTry, MAX_CODE_TRIES, normalizeTypedCode, SEND_LIMITS, type CodeBinding } from './code-rules';
import type { OneTimeCodeStore } from './ports';

export type OneTimeCodeDeps = {
  store: OneTimeCodeStore;
  mailer: Mailer;
  /** The server secret the codes are hashed with (COMPTOIR_SECRET). */
  secret: string;
  /** The brand's name, as the email shows it. */
  storeName: string;
};

export type SendCodeResult = { ok: true; expiresAt: Date } | { ok: false; reason: 'too_many_sends' | 'cooldown'; retryAfterSeconds: number };

export type CheckCodeResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'expired' | 'locked' | 'none' };

/**
 * Issues a fresh code for `binding` (the previous one dies) and emails it to `to`, unless the
 * sending caps refuse. The code leaves this function only inside the email: never in the result,
 * a log line or an error.
 * @throws MailDeliveryError when the mail server did not take the email; the send still counts
 *   against the caps, so a failing server is not hammered, and the shopper may ask again later.
 */
export async function sendCode(deps: OneTimeCodeDeps, binding: CodeBinding, to: string, language: Language, now: Date): Promise<SendCodeResult> {
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  const issued = await deps.store.issue(binding, { codeId: randomUUID(), codeHash: hashCode(deps.secret, binding, code), issuedAt: now, expiresAt }, SEND_LIMITS);
  if (!issued.issued) {
    log.info('verification.code_refused', { purpose: binding.purpose, reason: issued.reason });
    return { ok: false, reason: issued.reason, retryAfterSeconds: Math.ceil((issued.retryAt.getTime() - now.getTime()) / 1000) };
  }
  const email = toCodeEmail({ code, purpose: binding.purpose, storeName: deps.storeName, language, validMinutes: CODE_TTL_MS / 60_000 });
  await deps.mailer.send({ to, ...email });
  log.info('verification.code_sent', { purpose: binding.purpose });
  return { ok: true, expiresAt };
}

/**
 * Checks what the shopper typed against the binding's code, and uses the code up when it matches.
 *
 * Typed input loses its spaces first ("123 456" is fine). Anything that is then not six digits is
 * `wrong` without costing a try: it cannot be the code, so it tells a guesser nothing, and a
 * shopper who pasted five digits keeps their five tries. (The form's own schema should say "six
 * digits" before it gets here.) Every six-digit guess costs a try, counted before the comparison.
 */
export async function checkCode(deps: OneTimeCodeDeps, binding: CodeBinding, typed: string, now: Date): Promise<CheckCodeResult> {
  const code = normalizeTypedCode(typed);
  if (code === null) {
    const stored = await deps.store.read(binding);
    const refusal = judgeTry(stored, now, MAX_CODE_TRIES);
    return refusal ? { ok: false, reason: refusal } : { ok: false, reason: 'wrong', triesLeft: MAX_CODE_TRIES - (stored?.tries ?? 0) };
  }
  const attempt = await deps.store.takeTry(binding, now, MAX_CODE_TRIES);
  if (!attempt.taken) return { ok: false, reason: attempt.reason };
  if (!codeMatches(deps.secret, binding, code, attempt.codeHash)) {
    const triesLeft = MAX_CODE_TRIES - attempt.triesUsed;
    log.info('verification.code_wrong', { purpose: binding.purpose, triesLeft });
    return { ok: false, reason: 'wrong', triesLeft };
  }
  // Another request with the same right code may have got there first: one of them wins.
  if (!(await deps.store.consume(binding, attempt.codeId, now))) return { ok: false, reason: 'none' };
  log.info('verification.code_accepted', { purpose: binding.purpose });
  return { ok: true };
}
