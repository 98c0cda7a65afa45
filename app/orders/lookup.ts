import { normalizePhone, normalizeZip, isSameOrderNumber } from './identifiers';
import type { OrderSource } from './ports';
import type { Order } from './types';

export type SecondFactor = 'none' | 'zip' | 'phone';

export type LookupAttempt = {
  /** Already parsed by `parseOrderNumber`. */
  orderNumber: string;
  /** Already normalised by `normalizeEmail`. */
  email: string;
  secondFactor: string | null;
  clientAddress: string;
};

/**
 * The parts of the rate limiter a lookup needs: a failure is counted before the lookup runs
 * (so simultaneous guesses cannot all pass), and given back when it turns out not to be one.
 */
export type LookupGuard<Reservation = unknown> = {
  /** Whether Shopify may be asked while the slots are taken (see LookupLimiter.mayAskAhead). */
  mayAskAhead(key: { orderNumber: string; clientAddress: string }, now: Date): boolean;
  reserve(key: { orderNumber: string; clientAddress: string }, now: Date): Promise<{ allowed: true; reservation: Reservation } | { allowed: false; retryAfterSeconds: number }>;
  release(reservation: Reservation, outcome: 'success' | 'unanswered'): Promise<void>;
};

export type SessionOpener = {
  open(now: Date): Promise<{ bind(scope: { orderId: string; orderName: string }): { token: string; save(): Promise<void> }; discard(): Promise<void> }>;
};

export type LookupOutcome =
  | { ok: true; sessionToken: string; order: Order }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

function matchesSecondFactor(order: Order, factor: SecondFactor, given: string | null): boolean {
  if (factor === 'none') return true;
  if (!given) return false;
  if (factor === 'zip') {
    const zip = order.shippingAddress?.zip;
    return Boolean(zip) && normalizeZip(zip!) === normalizeZip(given);
  }
  const typed = normalizePhone(given);
  const phones = [order.phone, order.shippingAddress?.phone].filter((p): p is string => Boolean(p));
  return typed.length >= 6 && phones.some((phone) => normalizePhone(phone) === typed);
}

/** Shopify's search is loose: the order it found must carry exactly this number and email. */
export function isShopperOrder(order: Order, typed: { orderNumber: string; email: string }): boolean {
  return isSameOrderNumber(order.name, typed.orderNumber) && order.email?.trim().toLowerCase() === typed.email;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * A shopper proves they own an order with its number and email (and the configured second factor).
 * Every failure looks the same to the caller — unknown order, wrong email, wrong zip — and counts
 * against both the order number and the client (counted before Shopify is asked, given back on
 * success); success opens a session scoped to that one order.
 */
export async function lookUpOrder<Reservation>(
  deps: {
    orders: OrderSource;
    guard: LookupGuard<Reservation>;
    sessions: SessionOpener;
    secondFactor: SecondFactor;
    /** Takes work the answer need not wait for (run once the answer is out), and reports its failure. */
    background: (work: () => Promise<void>) => void;
  },
  attempt: LookupAttempt,
  now: Date,
): Promise<LookupOutcome> {
  const key = { orderNumber: attempt.orderNumber, clientAddress: attempt.clientAddress };
  const ask = () => settle(deps.orders.findOrderForShopper({ orderNumber: attempt.orderNumber, email: attempt.email }));
  const open = () => settle(deps.sessions.open(now));
  // Shopify's answer is only used once a slot is taken; asking while the slot is being taken
  // spares the shopper a database round trip before Shopify's time, not after. The session's row
  // is written during Shopify's time too, so once it answers only the cookie is left to make.
  const ahead = deps.guard.mayAskAhead(key, now);
  const askedAhead = ahead ? ask() : null;
  const openedAhead = ahead ? open() : null;
  const discard = (opened: Promise<Settled<{ discard(): Promise<void> }>>) =>
    deps.background(async () => {
      const settled = await opened;
      if (settled.ok) await settled.value.discard();
    });

  const verdict = await deps.guard.reserve(key, now);
  if (!verdict.allowed) {
    if (openedAhead) discard(openedAhead);
    return { ok: false, reason: 'locked', retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const opening = openedAhead ?? open();
  const answer = await (askedAhead ?? ask());
  const opened = await opening;
  if (!answer.ok || !opened.ok) {
    // Shopify (or the database) did not answer: the guess learnt nothing, so it does not count.
    await deps.guard.release(verdict.reservation, 'unanswered');
    discard(opening);
    throw answer.ok ? (opened as { error: unknown }).error : answer.error;
  }
  const order = answer.value;
  // A failure was counted when the slot was taken: nothing more to count, only the row to drop.
  if (!order || !isShopperOrder(order, attempt) || !matchesSecondFactor(order, deps.secondFactor, attempt.secondFactor)) {
    discard(opening);
    return { ok: false, reason: 'notFound' };
  }
  // The shopper waits for nothing more. Writing the order onto the row and giving the slots back
  // go on after the answer; if giving back fails, the one failure too many it leaves counted only
  // makes the cap stricter (`background` reports it).
  const session = opened.value.bind({ orderId: order.id, orderName: order.name });
  deps.background(session.save);
  deps.background(() => deps.guard.release(verdict.reservation, 'success'));
  return { ok: true, sessionToken: session.token, order };
}
