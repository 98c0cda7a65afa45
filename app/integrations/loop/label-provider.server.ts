import type { IssuedLabel, LabelLine, LabelProvider, LabelRequest, LabelRequestResult } from '~/labels/ports';
import { isUpstreamError, UpstreamError } from '~/utils/upstream-error';
import type { LoopClient } from './client.server';
import { readLoopErrorDetail } from './errors.server';
import type { DraftOrderItem, DraftReturn, LoopReturn } from './schemas';
import { toLabelFacts, toParcelUpdate } from './to-parcel-update';

/** Loop lists at most 120 days of returns per call: further back than any label request is retried. */
const LOOKBACK_MS = 120 * 86_400_000;
/** A return the shopper makes in Loop's own portal (deep link) is known by its order until it exists. */
const ORDER_REF = 'order:';

/** The note that ties a Loop return to our case: Loop keeps no reference field of ours. */
export const toCaseNote = (caseId: string) => `Comptoir case ${caseId}`;

const isCaseNote = (note: string) => note.startsWith('Comptoir case ');

/** Units per Shopify line, as our request and as Loop's return list them. */
function sameLines(loopReturn: LoopReturn, lines: LabelLine[]): boolean {
  const count = (pairs: Array<[string, number]>) => {
    const units = new Map<string, number>();
    for (const [id, quantity] of pairs) units.set(id, (units.get(id) ?? 0) + quantity);
    return [...units].sort(([a], [b]) => a.localeCompare(b)).join(';');
  };
  const theirs = (loopReturn.line_items ?? []).filter((item) => item.provider_line_item_id)
    .map((item): [string, number] => [item.provider_line_item_id!, item.quantity ?? 1]);
  return theirs.length > 0 && count(theirs) === count(lines.map((line) => [numericId(line.lineItemId), line.quantity]));
}

const numericId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);
const sameOrder = (a: string | null, b: string) => a !== null && a.replace(/^#/, '') === b.replace(/^#/, '');
const refused = (code: string, message: string): LabelRequestResult => ({ status: 'refused', code, message });

/** 401/403 on a draft call: the key lacks the Draft Returns scopes, i.e. the plan has none. */
const lacksDraftReturns = (error: unknown) => isUpstreamError(error) && (error.status === 401 || error.status === 403);
/** 422: Loop refuses this return (no policy covers the address, the order is not eligible…). */
const refusal = (error: unknown) => (isUpstreamError(error) && error.status === 422 ? readLoopErrorDetail(error) ?? { code: null, message: null } : null);

/** Loop's reason for our line: same id, same words, else the shop's "other", else its first. */
function pickReason(item: DraftOrderItem, line: LabelLine): string | null {
  const reasons = item.return_reasons;
  const match = reasons.find((reason) => reason.id === line.reasonId || reason.name.toLowerCase() === line.reasonText.toLowerCase())
    ?? reasons.find((reason) => /other|autre/i.test(reason.name)) ?? reasons[0];
  return match?.id ?? null;
}

/**
 * Loop Returns as a label provider. With Draft Returns (not on every plan) the return is made
 * through Loop's HAL-Forms steps — initialize, add each line with its reason, finalize, submit —
 * and tagged with a note naming our case, which is how a retry finds it. Without them, the
 * shopper gets Loop's own portal, opened on the order (`POST /order/link`), and the label comes
 * from there (`pending`).
 */
export function createLoopLabelProvider(client: LoopClient, options: { clock?: () => Date } = {}): LabelProvider {
  const clock = options.clock ?? (() => new Date());

  /**
   * The return an earlier attempt made for this case, if any: among the order's returns, the one
   * with our note. An attempt that stopped between submit and note left a return with no
   * Comptoir note and exactly our lines: that one is adopted (noted now), since Loop would refuse
   * to return the same units twice anyway.
   */
  async function findExisting(request: LabelRequest): Promise<LoopReturn | null> {
    const to = clock();
    const returns = await client.listReturns({ from: new Date(to.getTime() - LOOKBACK_MS), to });
    let orphan: LoopReturn | null = null;
    for (const candidate of returns.filter((loopReturn) => sameOrder(loopReturn.order_name, request.orderName))) {
      const notes = await client.getReturnNotes(candidate.id);
      if (notes.includes(toCaseNote(request.caseId))) return client.getReturnDetails(candidate.id);
      if (!orphan && candidate.state === 'open' && !notes.some(isCaseNote) && sameLines(candidate, request.lines)) orphan = candidate;
    }
    if (!orphan) return null;
    await client.addReturnNote(orphan.id, toCaseNote(request.caseId));
    return client.getReturnDetails(orphan.id);
  }

  async function addLines(draft: DraftReturn, request: LabelRequest): Promise<DraftReturn | LabelRequestResult> {
    const items = await client.listDraftOrderItems(draft);
    let current = draft;
    for (const line of request.lines) {
      const item = items.find((candidate) => candidate.provider_line_item_id === numericId(line.lineItemId));
      if (!item || !item.returnable) return refused('line-not-returnable', `Loop does not offer ${line.title} for return`);
      const json = { line_item_id: item.id, return_reason_id: pickReason(item, line), quantity: line.quantity, ...(line.note ? { comment: line.note } : {}) };
      current = await client.act(current, 'add-returning-item', json);
    }
    return current;
  }

  async function createByDraft(draft: DraftReturn, request: LabelRequest): Promise<LabelRequestResult> {
    const filled = await addLines(draft, request);
    if ('status' in filled) return filled;
    const final = client.offers(filled, 'finalize-items') ? await client.act(filled, 'finalize-items') : filled;
    // Loop asks for more than we can answer for the shopper (an outcome, an address…): its own
    // portal, where the shopper can, takes over.
    if (!client.offers(final, 'submit-draft-return')) return handOffToPortal(request);
    const submitted = await client.act(final, 'submit-draft-return');
    const returnId = submitted.draft_return.return_id;
    if (!returnId) throw new UpstreamError({ service: 'loop', status: 200, code: 'UNEXPECTED_SHAPE', retryable: true });
    await client.addReturnNote(returnId, toCaseNote(request.caseId));
    return toResult(await client.getReturnDetails(returnId));
  }

  async function handOffToPortal(request: LabelRequest): Promise<LabelRequestResult> {
    const { url } = await client.createDeepLink({ orderName: request.orderName, zip: request.shippingZip ?? request.customerEmail });
    return { status: 'pending', providerReturnId: `${ORDER_REF}${request.orderName}`, portalUrl: url };
  }

  /** The Loop return a reference stands for: its id, or the order's latest return. Null: none yet. */
  async function details(providerReturnId: string): Promise<LoopReturn | null> {
    try {
      return providerReturnId.startsWith(ORDER_REF)
        ? await client.getReturnDetailsByOrderName(providerReturnId.slice(ORDER_REF.length))
        : await client.getReturnDetails(providerReturnId);
    } catch (error) {
      if (isUpstreamError(error) && (error.status === 404 || error.status === 422)) return null;
      throw error;
    }
  }

  return {
    name: 'loop',
    async requestLabel(request) {
      const existing = await findExisting(request);
      if (existing) return toResult(existing);
      let draft: DraftReturn;
      try {
        draft = await client.initializeDraftReturn({ orderName: request.orderName, secondaryInput: request.shippingZip ?? request.customerEmail });
      } catch (error) {
        if (lacksDraftReturns(error)) return handOffToPortal(request);
        const detail = refusal(error);
        if (detail) return refused(detail.code ?? 'unprocessable', detail.message ?? 'Loop refused the return');
        throw error;
      }
      try {
        return await createByDraft(draft, request);
      } catch (error) {
        const detail = refusal(error);
        if (detail) return refused(detail.code ?? 'unprocessable', detail.message ?? 'Loop refused the return');
        throw error;
      }
    },
    async cancelLabel(providerReturnId) {
      const loopReturn = await details(providerReturnId);
      if (!loopReturn || loopReturn.state === 'cancelled') return;
      const outcome = await client.cancelReturn(loopReturn.id);
      if (outcome.cancelled) return;
      // Loop's refusal of a second cancel reads like any other: its state says which it was.
      if ((await client.getReturnDetails(loopReturn.id)).state === 'cancelled') return;
      throw new UpstreamError({ service: 'loop', status: 422, code: 'CANCEL_REFUSED', retryable: false, cause: { message: outcome.message } });
    },
    async getStatus(providerReturnId) {
      const loopReturn = await details(providerReturnId);
      return loopReturn ? toParcelUpdate(loopReturn) : null;
    },
  };
}

/** A return with a label is issued; one whose label Loop is still making is pending. */
function toResult(loopReturn: LoopReturn): LabelRequestResult {
  const facts = toLabelFacts(loopReturn);
  if (loopReturn.state === 'cancelled' || loopReturn.state === 'expired') return refused(`return-${loopReturn.state}`, `The Loop return is ${loopReturn.state}`);
  if (!facts.labelUrl && !facts.qrCodeUrl && !facts.trackingNumber) {
    return { status: 'pending', providerReturnId: loopReturn.id, portalUrl: facts.portalUrl ?? null };
  }
  const label: IssuedLabel = {
    provider: 'loop', providerReturnId: loopReturn.id,
    carrier: facts.carrier ?? null, trackingNumber: facts.trackingNumber ?? null, trackingUrl: facts.trackingUrl ?? null,
    labelUrl: facts.labelUrl ?? null, qrCodeUrl: facts.qrCodeUrl ?? null, returnAddress: facts.returnAddress ?? null,
    shipBy: facts.shipBy ?? null, portalUrl: facts.portalUrl ?? null,
  };
  return { status: 'issued', label };
}
