import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { asViewOf, toCaseView } from '~/cases/case-view';
import { decideReview, type DecideReviewDeps } from '~/cases/decide-review.server';
import { syncCaseToHelpdesk } from '~/helpdesk/sync-case.server';
import { GORGIAS_SYNC_CASE, LABELS_REQUEST_LABEL, toGorgiasSyncKey } from '~/jobs/job-names';
import { createExecuteCaseHandler } from '~/jobs/execute-case.server';
import { applyShopifyEvent } from '~/webhooks/apply-event.server';
import { startHelpdeskHarness, type HelpdeskHarness } from './helpdesk-harness';

/**
 * An agent approves or declines from the agent page: the real Shopify adapter against the Shopify
 * emulator (the return's status there is what counts), the case store on PGlite, the Gorgias
 * emulator for the ticket note, and the webhook Shopify sends afterwards applied for real.
 */
let h: HelpdeskHarness;

beforeAll(async () => {
  h = await startHelpdeskHarness();
});
afterAll(async () => h?.close());

/** A case whose lines (`decisions`, one per returnable line) went to Shopify through the real submission worker. */
async function submittedCase(scenario: string, decisions: CaseLine['decision'][]): Promise<Case> {
  const order = await h.orderOf(scenario);
  const context = (await h.shopifyReturns.getReturnContext(order.id))!;
  const money = { amount: '10.00', currencyCode: 'EUR' };
  const lines: CaseLine[] = decisions.map((decision, index) => {
    const line = context.lines[index]!;
    return { fulfillmentLineItemId: line.fulfillmentLineItemId, lineItemId: line.lineItemId, title: line.title, quantity: 1, reasonId: 'defective', note: 'Torn seam', outcome: 'refund', photoIds: [], decision, clauseIds: ['5.1'] };
  });
  const opened = await h.cases.openCase({
    kind: 'return', orderId: order.id, orderName: order.name, customerEmailHash: randomUUID(), language: 'fr', policyVersion: h.policy.version,
    details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: money, estimatedRefund: money } },
  }, randomUUID(), h.time.clock());
  if (opened.status !== 'opened') throw new Error('case not opened');
  const submit = createExecuteCaseHandler({ cases: h.cases, shopifyReturns: h.shopifyReturns, orderCancel: null as never, orderAddress: null as never, policy: h.policy, clock: h.time.clock, retryLimit: 3 });
  await submit({ caseId: opened.case.id }, { retryCount: 0 } as never);
  const found = (await h.cases.getCase(opened.case.id))!;
  expect(found.state).toBe('needs_review');
  return found;
}

const dropped: string[] = [];
const deps = (): DecideReviewDeps => ({
  cases: h.cases,
  decisions: h.returnDecisions,
  invalidateOrder: (id) => void dropped.push(id),
  followUpJobs: (caseId) => [{ name: GORGIAS_SYNC_CASE, data: { caseId }, singletonKey: toGorgiasSyncKey(caseId) }],
  clock: h.time.clock,
});

/** The status Shopify holds for the case's returns, by how they were opened. */
const shopifyStatuses = async (found: Case) => (await h.shopifyReturns.findReturnsForCase(found.orderId, found.id)).map((ret) => ret.status).sort();
const queuedSyncs = async (caseId: string) => (await h.queue.boss.findJobs(GORGIAS_SYNC_CASE, {})).filter((job) => (job.data as { caseId?: string }).caseId === caseId);

const queuedLabelRequests = async (caseId: string) => (await h.queue.boss.findJobs(LABELS_REQUEST_LABEL, {})).filter((job) => (job.data as { caseId?: string }).caseId === caseId);

describe('deciding a review case from the agent page', () => {
  it('approves in Shopify, moves the case as the webhook would, queues one ticket sync that says who decided, and the later webhook changes nothing', async () => {
    const found = await submittedCase('delivered-recently', ['needs_review']);
    const result = await decideReview(deps(), found.id, { kind: 'approve' }, 'Marie');
    expect(result).toMatchObject({ status: 'decided', case: { state: 'approved' } });
    expect(await shopifyStatuses(found)).toEqual(['OPEN']);
    expect(dropped).toContain(found.orderId);
    const events = await h.cases.listEvents(found.id);
    expect(events.at(-1)).toMatchObject({ type: 'approved_by_store', actor: 'agent', data: { via: 'agent_page', agentName: 'Marie' } });
    expect(await queuedSyncs(found.id)).toHaveLength(1);
    // Approved with an item to send back: its label is asked for, once, in the same write.
    expect(await queuedLabelRequests(found.id)).toHaveLength(1);

    // The shopper's page reads approved; the ticket gets one note naming the agent and the page.
    expect(asViewOf(toCaseView((await h.cases.getCase(found.id))!, events, { helpdesk: true }), 'return').lines[0]?.decision).toBe('approved');
    const synced = await syncCaseToHelpdesk(h.deps, found.id);
    if (synced.status !== 'synced') throw new Error(synced.status);
    const notes = h.notesOf(await h.ticket(synced.ticketId)).map((note: any) => note.body_text as string);
    expect(notes.filter((text) => text.startsWith('Approved by Marie from the Comptoir agent page'))).toHaveLength(1);
    // Events less than a minute apart share one note (note-batches.ts): the review step may be told with others.
    expect(notes.find((text) => text.includes('Needs review'))).toMatch(/https:\/\/portal\.example\/agent\/cases\/[A-Za-z0-9_-]+/);

    // Shopify's own returns/approve webhook for the same change arrives afterwards: a harmless duplicate.
    const returnId = found.providerRefs.shopifyReturnId!;
    const late = await applyShopifyEvent({ cases: h.cases, invalidateOrder: () => {}, clock: h.time.clock },
      { kind: 'return_changed', returnId, orderId: found.orderId, status: 'approved', decline: null }, { topic: 'returns/approve' });
    expect(late).toEqual({ status: 'unchanged', caseId: found.id });

    // A second click: the case is decided, Shopify is not asked again.
    expect(await decideReview(deps(), found.id, { kind: 'decline', reason: 'OTHER', note: null }, null)).toEqual({ status: 'already_decided' });
    expect(await shopifyStatuses(found)).toEqual(['OPEN']);
  });

  it('declines with the reason and note the shopper sees, and decides once when two clicks race', async () => {
    const found = await submittedCase('in-transit', ['needs_review']);
    const decline = { kind: 'decline' as const, reason: 'FINAL_SALE' as const, note: 'Vendu en dernière démarque.' };
    const results = await Promise.all([decideReview(deps(), found.id, decline, null), decideReview(deps(), found.id, decline, null)]);
    expect(results.map((r) => r.status).sort()).toEqual(['already_decided', 'decided']);
    expect(await shopifyStatuses(found)).toEqual(['DECLINED']);
    const events = await h.cases.listEvents(found.id);
    expect(events.filter((e) => e.type === 'declined_by_store')).toHaveLength(1);
    const view = asViewOf(toCaseView((await h.cases.getCase(found.id))!, events, { helpdesk: true }), 'return');
    expect(view.state).toBe('declined');
    expect(view.decline).toEqual({ reason: 'FINAL_SALE', note: 'Vendu en dernière démarque.' });
    // Nothing goes back: no label is asked for.
    expect(await queuedLabelRequests(found.id)).toHaveLength(0);
  });

  it('refuses to decide a case whose return Shopify never held, without calling Shopify', async () => {
    const order = await h.orderOf('delivered-recently');
    const found = await h.openCase(order, { decision: 'needs_review' });
    expect(await decideReview(deps(), found.id, { kind: 'approve' }, null)).toEqual({ status: 'not_reviewable' });
    expect(await decideReview(deps(), 'C-00000000', { kind: 'approve' }, null)).toEqual({ status: 'unknown_case' });
  });
});
