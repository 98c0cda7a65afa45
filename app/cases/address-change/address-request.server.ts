import { setTimeout as sleep } from 'node:timers/promises';
import type { Case } from '~/cases/case-store';
import type { Language } from '~/i18n';
import { MailDeliveryError } from '~/mail/ports';
import type { Order } from '~/orders/types';
import { decideAddressChange, type AddressChangeVerdict } from '~/policy/address-change';
import { checkNewAddress, type AddressFieldError, type NewAddressInput } from '~/policy/address-change-check';
import { log } from '~/utils/log.server';
import { judgeSend, judgeTry, MAX_CODE_TRIES, SEND_LIMITS, type CodeBinding } from '~/verification/code-rules';
import { checkCode, sendCode, type OneTimeCodeDeps } from '~/verification/one-time-codes.server';
import { customerHashOf, findOpenedCase, openingJobs, readFreshOrder, ticketLinkOf, type RequestDeps } from '../opening';
import { executeWithin } from '../opening.server';

export type AddressDeps = RequestDeps & {
  /** The shop's shipping countries (Shopify's `shipsToCountries`), read only when the policy allows other countries. */
  shippingCountries(): Promise<string[]>;
  codes: OneTimeCodeDeps;
  /** Writes the address now, so the page can say it changed; the queued job is the safety net. */
  executeNow(found: Case): Promise<void>;
  /** How long the shopper's request waits for `executeNow` before the page says "being changed". */
  waitMs?: number;
};

export type AddressShopper = { sessionId: string; orderId: string; orderName: string; language: Language; ticketId: number | null };

/** The code on its way to the order's email, as the page shows it. */
export type CodeStatus = { live: boolean; expiresAt: Date | null; resendInSeconds: number };

export type AddressPage =
  | { kind: 'gone' }
  /** A change of this order still being written, or with the team: its case. */
  | { kind: 'existing'; caseId: string }
  | { kind: 'page'; order: Order; verdict: AddressChangeVerdict; code: CodeStatus };

export type SendResult =
  | { ok: true }
  | { ok: false; error: 'notOffered' | 'noEmail' | 'mailFailed' }
  | { ok: false; error: 'cooldown' | 'tooManySends'; retryAfterSeconds: number }
  | { gone: true };

export type ChangeForm = { idempotencyKey: string; code: string; address: NewAddressInput };

export type ChangeResult =
  | { ok: true; caseId: string }
  | { ok: false; error: 'notOffered' | 'changed' | 'codeExpired' }
  | { ok: false; error: 'address'; fields: AddressFieldError[] }
  | { ok: false; error: 'codeWrong'; triesLeft: number }
  | { gone: true };

/** The queued job waits this long: the shopper's own request writes the address first. */
const HELD_BACK_SECONDS = 20;
/** How long after using the code the other half of a double tap may still be opening its case. */
const TWIN_OPENING_MS = 3_000;

const bindingOf = (shopper: AddressShopper): CodeBinding => ({ sessionId: shopper.sessionId, orderId: shopper.orderId, purpose: 'address_change' });

/** A change not written yet, or with the team: the page leads there rather than to a second one. */
const isOpen = (found: Case) => found.kind === 'address_change' && found.state !== 'completed' && found.state !== 'declined';

async function decide(deps: AddressDeps, order: Order, now: Date) {
  const shipsTo = deps.policy.addressChange?.countries === 'shipping_countries' ? await deps.shippingCountries() : [];
  return { shipsTo, verdict: decideAddressChange({ policy: deps.policy, order, shipsTo, now, timeZone: deps.timeZone }) };
}

/**
 * The case this very form opened in another request. That request uses the code, then opens the
 * case: while the code was used moments ago, a case not there yet is looked for again.
 */
async function findTwinCase(deps: AddressDeps, shopper: AddressShopper, key: string, now: Date): Promise<Case | null> {
  const usedAt = (await deps.codes.store.read(bindingOf(shopper)))?.consumedAt;
  const deadline = Date.now() + (usedAt ? Math.min(TWIN_OPENING_MS, usedAt.getTime() + TWIN_OPENING_MS - now.getTime()) : 0);
  for (;;) {
    const twin = await deps.cases.findCaseByIdempotencyKey(key, shopper.orderId);
    if (twin || Date.now() >= deadline) return twin;
    await sleep(50);
  }
}

/** What the address page shows: the policy's verdict now, and whether a code is on its way; or the change already open. */
export async function loadAddressPage(deps: AddressDeps, shopper: AddressShopper, now: Date): Promise<AddressPage> {
  const existing = (await deps.cases.listCasesForOrder(shopper.orderId)).find(isOpen);
  if (existing) return { kind: 'existing', caseId: existing.id };
  const order = await deps.orders.getOrder(shopper.orderId);
  if (!order) return { kind: 'gone' };
  const { verdict } = await decide(deps, order, now);
  const stored = verdict.offered ? await deps.codes.store.read(bindingOf(shopper)) : null;
  const wait = judgeSend(stored, now, SEND_LIMITS);
  const code: CodeStatus = {
    live: stored !== null && judgeTry(stored, now, MAX_CODE_TRIES) === null,
    expiresAt: stored?.expiresAt ?? null,
    resendInSeconds: wait ? Math.ceil((wait.retryAt.getTime() - now.getTime()) / 1000) : 0,
  };
  return { kind: 'page', order, verdict, code };
}

/** Emails a code to the order's own address, if the policy offers a change now and the sending caps allow one. */
export async function sendAddressCode(deps: AddressDeps, shopper: AddressShopper, now: Date): Promise<SendResult> {
  const order = await deps.orders.getOrder(shopper.orderId);
  if (!order) return { gone: true };
  if (!(await decide(deps, order, now)).verdict.offered) return { ok: false, error: 'notOffered' };
  if (!order.email) return { ok: false, error: 'noEmail' };
  try {
    const sent = await sendCode(deps.codes, bindingOf(shopper), order.email, shopper.language, now);
    if (sent.ok) return { ok: true };
    return { ok: false, error: sent.reason === 'cooldown' ? 'cooldown' : 'tooManySends', retryAfterSeconds: sent.retryAfterSeconds };
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    log.warn('address_change.code_mail_failed', { responseCode: error.responseCode ?? null });
    return { ok: false, error: 'mailFailed' };
  }
}

/**
 * Changes the order's shipping address, in this order: the order read again past the cache and
 * decided again (the page may be minutes old), the address checked (a mistake costs no try of the
 * code), then the code, used up when right; then the case opens and the address is written to
 * Shopify within `waitMs`, the queued job 20 s later as the safety net. The same key twice finds
 * the same case.
 */
export async function submitAddressChange(deps: AddressDeps, shopper: AddressShopper, form: ChangeForm, now: Date): Promise<ChangeResult> {
  const order = await readFreshOrder(deps.orders, shopper.orderId);
  if (!order) return { gone: true };
  // After the read, as for a cancellation: the other half of a double tap may have changed it already.
  const earlier = await findOpenedCase(deps.cases, form.idempotencyKey, shopper.orderId, isOpen);
  if (earlier) return { ok: true, caseId: earlier.id };
  const { verdict, shipsTo } = await decide(deps, order, now);
  const rules = deps.policy.addressChange;
  if (!verdict.offered || !rules) return { ok: false, error: 'notOffered' };
  const checked = checkNewAddress(rules, order, form.address, shipsTo);
  if (!checked.ok) return { ok: false, error: 'address', fields: checked.errors };
  const code = await checkCode(deps.codes, bindingOf(shopper), form.code, now);
  if (!code.ok) {
    // The code is used once: the other half of a double tap may have just used it for this very form.
    const twin = await findTwinCase(deps, shopper, form.idempotencyKey, now);
    if (twin) return { ok: true, caseId: twin.id };
    return code.reason === 'wrong' ? { ok: false, error: 'codeWrong', triesLeft: code.triesLeft } : { ok: false, error: 'codeExpired' };
  }
  const opened = await deps.cases.openCase(
    {
      kind: 'address_change',
      orderId: order.id,
      orderName: shopper.orderName,
      customerEmailHash: customerHashOf(deps.hashId, order),
      language: shopper.language,
      policyVersion: verdict.policyVersion,
      details: {
        clauseId: verdict.clauseId,
        oldAddress: { firstName: null, lastName: null, address1: null, address2: null, city: null, provinceCode: null, countryCode: null, zip: null, phone: null, ...order.shippingAddress },
        newAddress: checked.address,
        codeCheckedAt: now.toISOString(),
        sessionId: shopper.sessionId,
      },
      ...ticketLinkOf(shopper.ticketId),
    },
    form.idempotencyKey,
    now,
    openingJobs(deps.helpdesk, { heldBackSeconds: HELD_BACK_SECONDS }),
  );
  if (opened.status === 'key_conflict') return { ok: false, error: 'changed' };
  if (opened.status === 'opened') {
    const found = opened.case;
    await executeWithin(() => deps.executeNow(found), found, deps.waitMs);
  }
  return { ok: true, caseId: opened.case.id };
}

