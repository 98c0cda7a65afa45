import type { Case as AnyCase, CaseOf, TransitionResult } from '~/cases/case-store';
import { isCaseOf } from '~/cases/case-kind-guards';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import type { CaseReturn, ReturnLineInput, ReturnReason, ShopifyReturnError, ShopifyReturnStatus } from '~/cases/ports';
import { toJobsOnReaching } from '~/labels/label-jobs';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import type { CaseLine } from './details';
import { shipsAt } from './exchange-progress';
import { releaseExchangeOnce } from './release-exchange.server';

type Case = CaseOf<'return'>;

/** Events that decide a handed-over case: after one of them a re-driven job leaves it alone. */
const DECIDED = new Set(['store_refused', 'not_submitted', 'awaiting_review', 'approved_by_store']);

/** Shopify keeps at most 255 characters of a created return's note (300 on a request). */
const NOTE_MAX = 255;

/** `[C-7KQ2M9XA] shopper's words`: the case id first, so a retry recognises its own return. */
export function toMarkedNote(caseId: string, note: string | null): string {
  let text = '';
  for (const char of note ? `[${caseId}] ${note}` : `[${caseId}]`) {
    if (text.length + char.length > NOTE_MAX) break;
    text += char;
  }
  return text;
}

/** Auto-approved lines open a return at once (OPEN); the others ask the store (REQUESTED). */
type Submission = { via: 'create' | 'request'; lines: CaseLine[] };
type Opened = { returnId: string; status: ShopifyReturnStatus; via: Submission['via'] };

function toSubmissions(lines: CaseLine[]): Submission[] {
  const create = lines.filter((line) => line.decision === 'approved');
  const request = lines.filter((line) => line.decision === 'needs_review');
  return [{ via: 'create' as const, lines: create }, { via: 'request' as const, lines: request }].filter((s) => s.lines.length > 0);
}

/**
 * The new items of the exchange lines, sent with the return that opens at once: Shopify reserves
 * them and adds them to the order. A request (REQUESTED) cannot carry them — Shopify's
 * `ReturnRequestInput` has no exchange lines — so a line that needs review goes back with its
 * exchange in the case and on the ticket, for the agent who approves it.
 */
const toExchangeLines = (lines: CaseLine[]) =>
  lines.flatMap((line) => (line.exchange ? [{ variantId: line.exchange.variantId, quantity: line.quantity }] : []));

const sameLines = (found: CaseReturn, submission: Submission) => {
  const wanted = new Set(submission.lines.map((line) => line.fulfillmentLineItemId));
  return found.fulfillmentLineItemIds.length === wanted.size && found.fulfillmentLineItemIds.every((id) => wanted.has(id));
};

/**
 * How a return is carried out in Shopify (the `shopify.execute-case` job): opens the case's return(s) on Shopify, then moves the case
 * received → submitted_to_store → approved | needs_review. Each step reads the case first, so an
 * attempt that died half-way resumes where it stopped; a case past those steps is left alone.
 *
 * Duplicates: every line's note carries `[case id]`, and each attempt first asks Shopify for the
 * order's returns with that marker; a submission Shopify already holds is reused, not re-sent.
 *
 * Retries: an upstream error is thrown and pg-boss retries with the queue's backoff (from 30 s),
 * or at the error's Retry-After when that is later (settle.server.ts). Shopify's `userErrors` are
 * final: the case goes to needs_review with the codes, for an agent.
 *
 * After the last attempt the case goes to an agent (needs_review, `store_unreachable`) and the job
 * is parked. Re-driven later, it finishes what it could not: opens the return(s) and decides, as
 * long as the case still waits in needs_review with no decision taken since.
 */
export function createReturnExecutor(deps: ExecuteDeps): CaseExecutor<Case> {
  const { cases, shopifyReturns } = deps;
  let reasons: Promise<ReturnReason[]> | null = null;

  async function toShopifyReasonId(reasonId: string): Promise<string | null> {
    const handle = deps.policy.reasons.find((reason) => reason.id === reasonId)?.shopifyHandle;
    if (!handle) return null;
    // Fetched once per process; a failed fetch is forgotten so the next attempt asks again.
    reasons ??= shopifyReturns.listReturnReasons().catch((error: unknown) => {
      reasons = null;
      throw error;
    });
    return (await reasons).find((reason) => reason.handle === handle)?.id ?? null;
  }

  async function toLineInputs(found: Case, lines: CaseLine[]): Promise<ReturnLineInput[]> {
    return Promise.all(lines.map(async (line) => ({
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      quantity: line.quantity,
      reasonId: await toShopifyReasonId(line.reasonId),
      note: toMarkedNote(found.id, line.note),
    })));
  }

  /** Sends what Shopify does not hold yet; refusals are collected, upstream errors thrown. */
  async function submit(found: Case, submissions: Submission[]) {
    const existing = await shopifyReturns.findReturnsForCase(found.orderId, found.id);
    const opened: Opened[] = [];
    const errors: ShopifyReturnError[] = [];
    for (const submission of submissions) {
      const match = existing.find((ret) => sameLines(ret, submission));
      if (match) {
        // Consumed, so one return never stands for two submissions of the same lines.
        existing.splice(existing.indexOf(match), 1);
        log.info('jobs.submit_return.reused', { caseId: found.id, returnId: match.returnId });
        opened.push({ returnId: match.returnId, status: match.status, via: submission.via });
        continue;
      }
      const lines = await toLineInputs(found, submission.lines);
      const result = submission.via === 'create'
        ? await shopifyReturns.createReturn({ orderId: found.orderId, lines, exchangeLines: toExchangeLines(submission.lines) })
        : await shopifyReturns.requestReturn({ orderId: found.orderId, lines });
      if (result.ok) opened.push({ returnId: result.returnId, status: result.status, via: submission.via });
      else errors.push(...result.errors);
    }
    return { opened, errors };
  }

  const event = (type: string, actor: 'system' | 'store', data: Record<string, string | string[]> = {}) =>
    ({ at: deps.clock(), type, actor, data });

  /**
   * A dearer exchange opened at once leaves a balance due on the order: Shopify emails the
   * shopper an invoice for it (`orderInvoiceSend`), once per case — the event is read first, so a
   * retry does not send a second one (unless the worker died between the two, which sends it twice
   * rather than never). A refusal is recorded for the agent and does not hold the case.
   */
  async function invoiceOnce(found: Case): Promise<void> {
    const dearer = found.details.lines.filter((line) => line.decision === 'approved' && line.exchange?.settle === 'invoice');
    if (dearer.length === 0) return;
    if ((await cases.listEvents(found.id)).some((e) => e.type === 'exchange_invoice_sent' || e.type === 'exchange_invoice_refused')) return;
    const amounts = dearer.map((line) => `${line.exchange!.difference.amount} ${line.exchange!.difference.currencyCode}`);
    const sent = await shopifyReturns.sendOrderInvoice(found.orderId);
    if (sent.ok) await cases.appendEvent(found.id, event('exchange_invoice_sent', 'system', { amounts }));
    else await cases.appendEvent(found.id, event('exchange_invoice_refused', 'store', { amounts, codes: sent.errors.map((error) => error.code ?? 'UNKNOWN'), messages: sent.errors.map((error) => error.message) }));
  }

  /** Handed over by a last attempt, and nothing decided since: a re-drive may finish the job. */
  async function wasHandedOver(found: Case): Promise<boolean> {
    if (found.state !== 'needs_review') return false;
    const events = await cases.listEvents(found.id);
    const handedOver = events.findLastIndex((e) => e.type === 'store_unreachable');
    return handedOver >= 0 && !events.slice(handedOver).some((e) => DECIDED.has(e.type));
  }

  async function resume(current: Case): Promise<void> {
    const submissions = toSubmissions(current.details.lines);
    if (submissions.length === 0) {
      await cases.appendEvent(current.id, event('not_submitted', 'system', { reason: 'no_line_to_return' }));
      return;
    }
    if (!current.providerRefs.shopifyReturnId) {
      const { opened, errors } = await submit(current, submissions);
      const returns = opened.map(({ returnId, status, via }) => `${via}:${returnId}:${status}`);
      if (opened[0]) await cases.recordProviderRefs(current.id, { shopifyReturnId: opened[0].returnId }, event('shopify.returns_opened', 'system', { returns }));
      if (errors.length > 0 || !opened[0]) {
        const codes = errors.map((error) => error.code ?? 'UNKNOWN');
        await cases.appendEvent(current.id, event('store_refused', 'store', { codes, messages: errors.map((error) => error.message), returns }));
        return;
      }
    }
    if (current.details.lines.some((line) => line.decision === 'needs_review')) await cases.appendEvent(current.id, event('awaiting_review', 'system'));
    else await cases.advance(current.id, 'needs_review', [{ to: 'approved', event: event('approved_by_store', 'store') }], toJobsOnReaching(current, 'approved'));
  }

  async function advance(initial: Case): Promise<void> {
    let current: Case | null = initial;
    const asReturn = (found: AnyCase | null) => (found && isCaseOf(found, 'return') ? found : null);
    const reread = async (result: TransitionResult) => asReturn(result.ok ? result.case : await cases.getCase(initial.id));

    if (await wasHandedOver(current)) return resume(current);
    if (current.state === 'received' && !current.providerRefs.shopifyReturnId) {
      const submissions = toSubmissions(current.details.lines);
      if (submissions.length === 0) {
        await cases.transition(current.id, 'received', 'needs_review', event('not_submitted', 'system', { reason: 'no_line_to_return' }));
        return;
      }
      const { opened, errors } = await submit(current, submissions);
      const returns = opened.map(({ returnId, status, via }) => `${via}:${returnId}:${status}`);
      if (errors.length > 0) {
        // The refusal and the state change are one write; the ids of whatever did open are in it too.
        await cases.transition(current.id, 'received', 'needs_review', event('store_refused', 'store', {
          codes: errors.map((error) => error.code ?? 'UNKNOWN'),
          messages: errors.map((error) => error.message),
          returns,
        }));
        if (opened[0]) await cases.recordProviderRefs(current.id, { shopifyReturnId: opened[0].returnId }, event('shopify.returns_opened', 'system', { returns }));
        return;
      }
      current = asReturn(await cases.recordProviderRefs(current.id, { shopifyReturnId: opened[0]!.returnId }, event('shopify.returns_opened', 'system', { returns })));
    }
    if (current?.state === 'received') {
      const shopifyReturnId = current.providerRefs.shopifyReturnId ?? '';
      current = await reread(await cases.transition(current.id, 'received', 'submitted_to_store', event('submitted_to_store', 'system', { shopifyReturnId })));
    }
    if (current?.state === 'submitted_to_store') {
      await invoiceOnce(current);
      // An instant exchange: the new items ship now, not once the return is processed.
      if (shipsAt(current, 'now')) await releaseExchangeOnce({ cases, shopifyReturns, clock: deps.clock }, current);
      const review = current.details.lines.some((line) => line.decision === 'needs_review');
      // Approved: the label request is queued in the same write (toJobsOnReaching).
      if (review) await cases.transition(current.id, 'submitted_to_store', 'needs_review', event('awaiting_review', 'system'));
      else await cases.advance(current.id, 'submitted_to_store', [{ to: 'approved', event: event('approved_by_store', 'store') }], toJobsOnReaching(current, 'approved'));
    }
  }

  return {
    run: advance,
    /** The last attempt failed too: an agent takes the case rather than a dead job keeping it. */
    async giveUp(found, error) {
      const code = isUpstreamError(error) ? error.code : 'INTERNAL';
      const current = await cases.getCase(found.id);
      const from = current?.state;
      const moved = from === 'received' || from === 'submitted_to_store'
        ? await cases.transition(found.id, from, 'needs_review', { at: deps.clock(), type: 'store_unreachable', actor: 'system', data: { code } })
        : null;
      log.error('jobs.submit_return.gave_up', { caseId: found.id, code, handedOver: moved?.ok ?? false });
      return { code, status: isUpstreamError(error) ? error.status : null };
    },
  };
}
