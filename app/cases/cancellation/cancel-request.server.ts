import type { Case } from '~/cases/case-store';
import type { Order } from '~/orders/types';
import { cancellationFactsOf, checkSelection, coversEveryUnit, decideCancellation, type CancellationVerdict } from '~/policy/cancellation';
import { customerHashOf, findOpenedCase, openingJobs, readFreshOrder, ticketLinkOf, type RequestDeps } from '../opening';
import { executeWithin } from '../opening.server';
import { CANCEL_PICK_LINES_MAX, type CancelForm } from './cancel-form';
import { isStandingCancellation } from './live';

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


export type CancelPage =
  | { kind: 'gone' }
  /** The order already has a cancellation under way or done: its case. */
  | { kind: 'existing'; caseId: string }
  | { kind: 'page'; order: Order; verdict: CancellationVerdict };

/** What the cancel page shows: the policy's verdict on the order now, or the case already opened. */
export async function loadCancelPage(deps: CancelDeps, orderId: string, now: Date): Promise<CancelPage> {
  const existing = (await deps.cases.listCasesForOrder(orderId)).find(isStandingCancellation);
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
  const order = await readFreshOrder(deps.orders, shopper.orderId);
  if (!order) return { gone: true };
  // After the read: a double tap whose other half (here or in another process) already cancelled
  // the order finds that case, rather than "can no longer be cancelled".
  const earlier = await findOpenedCase(deps.cases, form.idempotencyKey, shopper.orderId, isStandingCancellation);
  if (earlier) return { ok: true, caseId: earlier.id };
  const decide = (selection?: CancelForm['lines']) => decideCancellation({
    policy: deps.policy, order, facts: cancellationFactsOf(order), now, timeZone: deps.timeZone, ...(selection ? { selection } : {}),
  });
  let verdict = decide();
  if (!verdict.offered) return { ok: false, error: 'notOffered' };
  // The pick is checked against the order as it is now; a page without a picker posts none.
  if (form.lines) {
    const picked = checkSelection(verdict.available, form.lines);
    if (!picked.ok) return { ok: false, error: picked.problem };
    const partial = verdict.partial && verdict.available.length <= CANCEL_PICK_LINES_MAX;
    // Part of an order the policy now cancels whole only: never the whole order in its place.
    if (!partial && !coversEveryUnit(verdict.available, picked.selection)) return { ok: false, error: 'changed' };
    if (partial) verdict = decide(picked.selection);
    if (!verdict.offered) return { ok: false, error: 'notOffered' };
  }
  // The page promised one thing: at once, or a request. A different answer now is shown first,
  // unless it is better news that comes from the pick itself (a few items under the value limit).
  const pickedIntoInstant = verdict.scope === 'items' && form.mode === 'review' && verdict.mode === 'instant';
  if (verdict.mode !== form.mode && !pickedIntoInstant) return { ok: false, error: 'changed' };
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
