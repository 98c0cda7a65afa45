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

/** The parts of the rate limiter a lookup needs. */
export type LookupGuard = {
  check(key: { orderNumber: string; clientAddress: string }, now: Date): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  recordFailure(key: { orderNumber: string; clientAddress: string }, now: Date): Promise<unknown>;
};

export type SessionOpener = {
  create(scope: { orderId: string; orderName: string }, now: Date): Promise<{ token: string }>;
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

/**
 * A shopper proves they own an order with its number and email (and the configured second factor).
 * Every failure looks the same to the caller — unknown order, wrong email, wrong zip — and counts
 * against both the order number and the client; success opens a session scoped to that one order.
 */
export async function lookUpOrder(
  deps: { orders: OrderSource; guard: LookupGuard; sessions: SessionOpener; secondFactor: SecondFactor },
  attempt: LookupAttempt,
  now: Date,
): Promise<LookupOutcome> {
  const key = { orderNumber: attempt.orderNumber, clientAddress: attempt.clientAddress };
  const verdict = await deps.guard.check(key, now);
  if (!verdict.allowed) return { ok: false, reason: 'locked', retryAfterSeconds: verdict.retryAfterSeconds };

  const order = await deps.orders.findOrderForShopper({ orderNumber: attempt.orderNumber, email: attempt.email });
  const matches =
    order !== null && isShopperOrder(order, attempt) && matchesSecondFactor(order, deps.secondFactor, attempt.secondFactor);
  if (!matches) {
    await deps.guard.recordFailure(key, now);
    return { ok: false, reason: 'notFound' };
  }
  const { token } = await deps.sessions.create({ orderId: order.id, orderName: order.name }, now);
  return { ok: true, sessionToken: token, order };
}
