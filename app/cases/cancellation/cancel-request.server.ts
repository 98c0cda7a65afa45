import type { Case } from '~/cases/case-store';
import type { Order } from '~/orders/types';
import { cancellationFactsOf, checkSelection, decideCancellation, type CancellationVerdict } from '~/policy/cancellation';
import { customerHashOf, findOpenedCase, openingJobs, readFreshOrder, ticketLinkOf, type RequestDeps } from '../opening';
import { executeWithin } from '../opening.server';
import type { CancelForm } from './cancel-form';

export type CancelDeps = RequestDeps & {
  /**
   * Carries the case out now, on the shopper's request, so the page can say the order is
   * cancelled; the queued job is the safety net when this attempt fails or is cut short.
   */
  executeNow(found: Case): Promise<void>;
  /** How long the shopper's request waits for `executeNow` before the page says "being cancelled". */
  waitMs?: number;
};

export type Shopper = { orderId: string; orderName: string; language: string; ticketId: number | null };

/** A cancellation not refused or given up: the one the order page and the cancel page lead to. */
const isLive = (found: Case) => found.kind === 'cancellation' && found.state !== 'declined';

export type CancelPage =
  | { kind: 'gone' }
  /** The order already has a cancellation under way or done: its case. */
  | { kind: 'existing'; caseId: string }
  | { kind: 'page'; order: Order; verdict: CancellationVerdict };

/** What the cancel page shows: the policy's verdict on the order now, or the case already opened. */
export async function loadCancelPage(deps: CancelDeps, orderId: string, now: Date): Promise<CancelPage> {
  const existing = (await deps.cases.listCasesForOrder(orderId)).find(isLive);
  if (existing) return { kind: 'existing', caseId: existing.id };
  const order = await deps.orders.getOrder(orderId);
  if (!order) return { kind: 'gone' };
  return { kind: 'page', order, verdict: decideCancellation({ policy: deps.policy, order, facts: cancellationFactsOf(order), now, timeZone: deps.timeZone }) };
}

export type CancelResult =
  | { ok: true; caseId: string }
  | { ok: false; error: 'notOffered' | 'changed' | 'refundMethodRequired' | 'nothingChosen' | 'tooMany' }
  | { gone: true };

/** The queued job waits this long: the shopper's own request cancels first. */
const HELD_BACK_SECONDS = 20;

/**
 * Opens the cancellation the shopper confirmed, decided again on the order as Shopify has it now
 * (past the cache: the page may be minutes old). The same key twice finds the same case; a second
 * cancellation of an order that has one finds that one. An instant one is carried out on the
 * request, within `waitMs`, with the queued job 20 s later as the safety net.
 */
export async function submitCancellation(deps: CancelDeps, shopper: Shopper, form: CancelForm & { mode: 'instant' | 'review' }, now: Date): Promise<CancelResult> {
  const earlier = await findOpenedCase(deps.cases, form.idempotencyKey, shopper.orderId, isLive);
  if (earlier) return { ok: true, caseId: earlier.id };
  const order = await readFreshOrder(deps.orders, shopper.orderId);
  if (!order) return { gone: true };
  const decide = (selection?: CancelForm['lines']) => decideCancellation({
    policy: deps.policy, order, facts: cancellationFactsOf(order), now, timeZone: deps.timeZone, ...(selection ? { selection } : {}),
  });
  let verdict = decide();
  if (!verdict.offered) return { ok: false, error: 'notOffered' };
  // The pick is checked against the order as it is now; a page without a picker posts none.
  if (form.lines && verdict.partial) {
    const picked = checkSelection(verdict.available, form.lines);
    if (!picked.ok) return { ok: false, error: picked.problem };
    verdict = decide(picked.selection);
    if (!verdict.offered) return { ok: false, error: 'notOffered' };
  }
  // The page promised one thing: at once, or a request. A different answer now is shown first.
  if (verdict.mode !== form.mode) return { ok: false, error: 'changed' };
  const method = verdict.refund.method === 'shopper_choice' ? form.refundMethod : verdict.refund.method;
  if (!method) return { ok: false, error: 'refundMethodRequired' };
  const titles = new Map(order.lineItems.map((line) => [line.id, line]));
  const opened = await deps.cases.openCase(
    {
      kind: 'cancellation',
      orderId: order.id,
      orderName: shopper.orderName,
      customerEmailHash: customerHashOf(deps.hashId, order),
      language: shopper.language,
      policyVersion: verdict.policyVersion,
      details: {
        mode: verdict.mode,
        scope: verdict.scope,
        clauseId: verdict.clauseId,
        reasonId: form.reasonId,
        note: form.note || null,
        lines: verdict.lines.map(({ lineItemId, units }) => ({ lineItemId, title: titles.get(lineItemId)?.title ?? '', variantTitle: titles.get(lineItemId)?.variantTitle ?? null, quantity: units })),
        refund: { ...verdict.refund, method },
        restock: verdict.restock,
        notifyCustomer: verdict.notifyCustomer,
        reviewReasons: verdict.reasons.map(({ key, clauseId, facts }) => ({ key, clauseId, facts: { ...facts } })),
      },
      ...ticketLinkOf(shopper.ticketId),
    },
    form.idempotencyKey,
    now,
    openingJobs(deps.helpdesk, verdict.mode === 'instant' ? { heldBackSeconds: HELD_BACK_SECONDS } : {}),
  );
  if (opened.status === 'key_conflict') return { ok: false, error: 'changed' };
  if (opened.status === 'opened' && verdict.mode === 'instant') {
    const found = opened.case;
    await executeWithin(() => deps.executeNow(found).then(() => deps.orders.invalidate?.(found.orderId)), found, deps.waitMs);
  }
  return { ok: true, caseId: opened.case.id };
}
