import type { Case, CaseStore, NewCaseEvent, ProviderRefs } from '~/cases/case-store';
import { pathForward, type CaseState } from '~/cases/case-state';
import { kindOf } from '~/cases/kinds';
import type { Money } from '~/orders/types';
import { EVENT_OF_STATE, STATE_OF_STEP, toParcelEventData } from './parcel-steps';
import type { LabelProviderName, ParcelUpdate } from './ports';
import { toJobsOnPath } from './label-jobs';

export type ApplyParcelDeps = {
  cases: Pick<CaseStore, 'getCase' | 'findCaseByProviderReturnId' | 'advance' | 'appendEvent' | 'listEvents'>;
  requestHelpdeskSync?: ((caseId: string) => Promise<void>) | undefined;
  clock: () => Date;
};

export type ApplyParcelResult =
  | { status: 'moved'; caseId: string; events: string[] }
  /** The case is already there or past it: a duplicate, a late or an out-of-order delivery. */
  | { status: 'unchanged'; caseId: string }
  /** No case claims this return yet: the delivery is kept and applied when one does. */
  | { status: 'no_case' };

/** Where each provider's return id is kept on a case. */
export const REF_OF_PROVIDER: Record<Exclude<LabelProviderName, 'store'>, keyof ProviderRefs> = {
  loop: 'loopReturnId',
  aftership: 'aftershipReturnId',
};


/**
 * Applies one provider's news of a return parcel: finds the case (by our case id when the
 * provider echoes it, else by the provider's return id), then moves it forward to the state the
 * step reports, one allowed step at a time, logging one event per state reached (parcel-steps.ts).
 * `delivered_to_store` keeps the case in transit and is logged once. A case already at or past
 * that state is left alone, so duplicates and late deliveries change nothing.
 */
export async function applyParcelUpdate(deps: ApplyParcelDeps, update: ParcelUpdate): Promise<ApplyParcelResult> {
  const claimed = await findCase(deps, update);
  if (!claimed) return { status: 'no_case' };
  let found: Case = claimed;
  if (!update.step) return { status: 'unchanged', caseId: found.id };
  const target = STATE_OF_STEP[update.step];
  const estimate = kindOf(found).summary(found).estimatedRefund;
  const logged: string[] = [];
  // A concurrent writer (the label job, a Shopify webhook) may move the case under us: re-read.
  for (let attempt = 0; attempt < 3; attempt++) {
    const path = pathForward(found.kind, found.state, target);
    if (!path?.length) break;
    const steps = path.map((to) => ({ to, event: toEvent(deps.clock(), to, update, estimate) }));
    const moved = await deps.cases.advance(found.id, found.state, steps, toJobsOnPath(found, path));
    if (moved.ok) {
      logged.push(...steps.map((step) => step.event.type));
      found = moved.case;
      break;
    }
    const reread: Case | null = moved.reason === 'stale' ? await deps.cases.getCase(found.id) : null;
    if (!reread) break;
    found = reread;
  }
  if (update.step === 'delivered_to_store' && found.state === 'in_transit' && !(await hasEvent(deps, found.id, 'parcel_delivered'))) {
    await deps.cases.appendEvent(found.id, { at: deps.clock(), type: 'parcel_delivered', actor: 'system', data: toParcelEventData('in_transit', update, null) });
    logged.push('parcel_delivered');
  }
  if (logged.length === 0) return { status: 'unchanged', caseId: found.id };
  await deps.requestHelpdeskSync?.(found.id);
  return { status: 'moved', caseId: found.id, events: logged };
}

async function findCase(deps: ApplyParcelDeps, update: ParcelUpdate): Promise<Case | null> {
  const byId = update.caseId ? await deps.cases.getCase(update.caseId) : null;
  // Our id echoed back counts for a case that holds this very return, or none yet (the provider's
  // webhook may overtake the label job's answer); never for a case that holds another return.
  const held = byId?.providerRefs[REF_OF_PROVIDER[update.provider]];
  if (byId && (held === undefined || held === update.providerReturnId)) return byId;
  return deps.cases.findCaseByProviderReturnId(update.provider, update.providerReturnId);
}

const hasEvent = async (deps: ApplyParcelDeps, caseId: string, type: string) => (await deps.cases.listEvents(caseId)).some((event) => event.type === type);

/** The store receives and refunds; the rest is the provider's or the carrier's doing. */
function toEvent(at: Date, to: CaseState, update: ParcelUpdate, estimate: Money | null): NewCaseEvent {
  const type = EVENT_OF_STATE[to] ?? to;
  return { at, type, actor: to === 'refunded' || to === 'received_by_store' ? 'store' : 'system', data: toParcelEventData(to, update, estimate) };
}
