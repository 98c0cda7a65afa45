import type { Case, CaseEvent, CaseStore, NewCaseEvent } from '~/cases/case-store';
import { kindOf } from '~/cases/kinds';
import type { Order } from '~/orders/types';
import type { Reason } from '~/policy/policy-schema';
import { REF_OF_PROVIDER } from './apply-parcel-update.server';
import { chooseLabelProvider } from './choose-provider';
import { IssuedLabelDataSchema } from './parcel-events';
import type { LabelAddress, LabelProviderName, LabelRequest, LabelRequestResult } from './ports';
import type { LabelProviders } from './registry';

export type RequestLabelDeps = {
  cases: Pick<CaseStore, 'getCase' | 'listEvents' | 'appendEvent' | 'advance' | 'recordProviderRefs'>;
  orders: { getOrder(id: string): Promise<Order | null> };
  labels: { providers: LabelProviders; defaultProvider: LabelProviderName };
  reasons: readonly Pick<Reason, 'id' | 'labelProvider' | 'label'>[];
  clock: () => Date;
};

export type RequestLabelResult =
  | { status: 'issued' | 'pending' | 'refused'; caseId: string; provider: LabelProviderName; providerReturnId: string | null }
  /** Nothing to do: not approved (or past it), nothing goes back, or a label was already given. */
  | { status: 'skipped'; caseId: string; why: 'not_approved' | 'nothing_to_send' | 'already_requested' }
  | { status: 'unknown_case' };

/** A provider's answer already on the case: a re-run asks nobody again. A refusal an outage caused may be retried. */
const isSettled = (event: CaseEvent) =>
  event.type === 'label_issued' || event.type === 'label_pending' || (event.type === 'label_refused' && event.data['retryable'] !== true);

/**
 * Asks the case's label provider for its return label (the `labels.request-label` job). Only an
 * approved case with something to send back, and only once: the state check, the events (a
 * provider's earlier answer is kept), the provider's own idempotency by case id and the queue's
 * one job per case together make sure a case never gets two labels. The provider is chosen once
 * (`label_requested` keeps it), so a policy change between two attempts cannot switch it.
 * An upstream error is thrown for the job to retry.
 */
export async function requestCaseLabel(deps: RequestLabelDeps, caseId: string): Promise<RequestLabelResult> {
  const found = await deps.cases.getCase(caseId);
  if (!found) return { status: 'unknown_case' };
  if (found.state !== 'approved') return { status: 'skipped', caseId, why: 'not_approved' };
  const lines = kindOf(found).parcelLines(found);
  const events = await deps.cases.listEvents(caseId);
  if (events.some(isSettled)) return { status: 'skipped', caseId, why: 'already_requested' };
  const requested = events.findLast((event) => event.type === 'label_requested')?.data['provider'] as LabelProviderName | undefined;
  const name = requested ?? chooseLabelProvider(lines, deps.reasons, deps.labels.defaultProvider);
  if (!name) return { status: 'skipped', caseId, why: 'nothing_to_send' };
  if (!requested) await deps.cases.appendEvent(caseId, event(deps, 'label_requested', { provider: name }));
  const provider = deps.labels.providers[name];
  if (!provider) return refuse(deps, found, name, { status: 'refused', code: 'PROVIDER_NOT_CONFIGURED', message: `${name} is not configured` });

  const order = await deps.orders.getOrder(found.orderId);
  if (!order) return refuse(deps, found, name, { status: 'refused', code: 'ORDER_NOT_FOUND', message: 'the order is no longer in Shopify' });
  const result = await provider.requestLabel(toLabelRequest(found, order, deps.reasons));
  switch (result.status) {
    case 'issued': {
      const label = IssuedLabelDataSchema.parse(result.label);
      const refs = toRefs(name, label.providerReturnId);
      const moved = await deps.cases.advance(caseId, 'approved', [{ to: 'label_issued', event: event(deps, 'label_issued', label) }], [], refs);
      // Moved meanwhile (the provider's own webhook said it first): keep its return id all the same.
      if (!moved.ok && refs) await deps.cases.recordProviderRefs(caseId, refs, event(deps, 'labels.return_linked', { provider: name, providerReturnId: label.providerReturnId }));
      return { status: 'issued', caseId, provider: name, providerReturnId: label.providerReturnId };
    }
    case 'pending': {
      const data = { provider: name, providerReturnId: result.providerReturnId, portalUrl: result.portalUrl };
      const refs = toRefs(name, result.providerReturnId);
      if (refs) await deps.cases.recordProviderRefs(caseId, refs, event(deps, 'label_pending', data));
      else await deps.cases.appendEvent(caseId, event(deps, 'label_pending', data));
      return { status: 'pending', caseId, provider: name, providerReturnId: result.providerReturnId };
    }
    case 'refused':
      return refuse(deps, found, name, result);
  }
}

/** The provider (or we) will not make a label: an agent takes over; the case stays approved. */
async function refuse(deps: RequestLabelDeps, found: Case, name: LabelProviderName, result: Extract<LabelRequestResult, { status: 'refused' }>): Promise<RequestLabelResult> {
  await deps.cases.appendEvent(found.id, event(deps, 'label_refused', { provider: name, code: result.code, message: result.message }));
  return { status: 'refused', caseId: found.id, provider: name, providerReturnId: null };
}

/**
 * The provider turned the call down, or the last attempt failed on an outage too: an agent is told
 * (`label_refused`). An outage's is marked retryable, so a re-drive of the parked job asks again.
 */
export async function recordLabelFailure(deps: Pick<RequestLabelDeps, 'cases' | 'clock'>, caseId: string, code: string, retryable: boolean): Promise<void> {
  const requested = (await deps.cases.listEvents(caseId)).findLast((e) => e.type === 'label_requested')?.data['provider'];
  const provider = typeof requested === 'string' ? requested : 'store';
  const message = retryable ? `${provider} could not be reached after many attempts` : `${provider} turned the request down`;
  await deps.cases.appendEvent(caseId, { at: deps.clock(), type: 'label_refused', actor: 'system', data: { provider, code, message, ...(retryable ? { retryable } : {}) } });
}

const event = (deps: Pick<RequestLabelDeps, 'clock'>, type: string, data: NewCaseEvent['data']): NewCaseEvent => ({ at: deps.clock(), type, actor: 'system', data });

const toRefs = (name: LabelProviderName, providerReturnId: string) => (name === 'store' ? undefined : { [REF_OF_PROVIDER[name]]: providerReturnId });

/** What the provider needs: the lines going back with their reasons' words, and where the parcel leaves from. */
export function toLabelRequest(found: Case, order: Order, reasons: RequestLabelDeps['reasons']): LabelRequest {
  const language = found.language === 'fr' ? 'fr' : 'en';
  const lines = kindOf(found).parcelLines(found).map((line) => ({
    lineItemId: line.lineItemId,
    title: line.title,
    sku: order.lineItems.find((item) => item.id === line.lineItemId)?.sku ?? null,
    quantity: line.quantity,
    reasonId: line.reasonId,
    reasonText: reasons.find((reason) => reason.id === line.reasonId)?.label[language] ?? line.reasonId,
    note: line.note,
  }));
  const details = found.details as { refundMethod?: 'original_payment' | 'store_credit' | null };
  return {
    caseId: found.id, orderId: order.id, orderName: order.name, customerEmail: order.email ?? '',
    shippingZip: order.shippingAddress?.zip ?? null, shipFrom: toShipFrom(order), lines,
    refundMethod: details.refundMethod ?? 'original_payment', language,
  };
}

function toShipFrom(order: Order): LabelAddress | null {
  const address = order.shippingAddress;
  if (!address?.address1 || !address.city || !address.zip || !address.countryCode) return null;
  return {
    name: [address.firstName, address.lastName].filter(Boolean).join(' '), company: null,
    address1: address.address1, address2: address.address2, city: address.city, province: address.provinceCode,
    zip: address.zip, countryCode: address.countryCode, phone: address.phone,
  };
}
