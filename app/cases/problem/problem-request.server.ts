import { randomUUID } from 'node:crypto';
import type { Case } from '~/cases/case-store';
import { isFinalState } from '~/cases/case-state';
import type { Language } from '~/i18n';
import type { Order } from '~/orders/types';
import type { PhotoStore } from '~/photos/photo-store';
import { toMinorUnits, toMoney } from '~/policy/money';
import { listProblemOptions, type ProblemOffer, type ProblemOption, type ProblemType } from '~/policy/problems';
import { decideAnswers, keepOwnKeys, maxPhotosOf, newAnswers, toAnswers } from './problem-answers.server';
import type { ProblemDetails } from './details';
import type { ProblemPost } from './problem-form';
import { acceptReportPhotos } from './problem-photos.server';
import { customerHashOf, openingJobs, ticketLinkOf, type RequestDeps } from '../opening';
import {
  hasErrors, noErrors, toOfferView, toOptionView, toParcelView,
  type ProblemAnswers, type ProblemErrors, type ProblemOfferView, type ProblemOptionView, type ProblemParcelView,
} from './problem-view';

export type ProblemDeps = RequestDeps & {
  photos: PhotoStore;
};

export type Shopper = { orderId: string; orderName: string; sessionId: string; language: Language; ticketId: number | null };

type Offered = Extract<ProblemOption, { offered: true }>;
type OfferedView = Extract<ProblemOptionView, { offered: true }>;

/** The page's three steps: the parcel and the problem, the details, the offer to confirm. */
export type ProblemPage =
  | { step: 'choose'; parcels: { parcel: ProblemParcelView; options: ProblemOptionView[] }[]; selected: string | null; errors: string[] }
  | { step: 'details'; parcel: ProblemParcelView; option: OfferedView; maxPhotos: number; answers: ProblemAnswers; errors: ProblemErrors }
  | { step: 'review'; parcel: ProblemParcelView; option: OfferedView; answers: ProblemAnswers; offer: ProblemOfferView };

export type ProblemResult = { gone: true } | { location: string } | { page: ProblemPage; status: number };

const ownerOf = (deps: ProblemDeps, sessionId: string) => deps.hashId(`photo-owner|${sessionId}`);
const caseUrl = (id: string) => `/cases/${id}`;

/** An open or carried-out report of this type about this parcel: a second one leads there instead. */
async function findEarlierReport(deps: ProblemDeps, orderId: string, parcelId: string, type: ProblemType): Promise<Case | null> {
  const cases = await deps.cases.listCasesForOrder(orderId);
  // A completed report counts too: its offer was carried out (a replacement sent, money back), and the
  // same problem with the same parcel is not the shopper's to take twice; the team can, from the ticket.
  return cases.find((found) => found.kind === 'problem' && found.details.type === type && found.details.parcel.id === parcelId
    && (found.state === 'completed' || !isFinalState('problem', found.state))) ?? null;
}

function choosePage(deps: ProblemDeps, shopper: Shopper, order: Order, now: Date, selected: string | null, errors: string[] = []): ProblemPage {
  const { parcels } = listProblemOptions(deps.policy, order, now, deps.timeZone);
  return {
    step: 'choose', errors,
    selected: selected ?? (order.parcels.length === 1 ? order.parcels[0]!.id : null),
    parcels: parcels.map(({ parcelId, options }) => ({
      parcel: toParcelView(order, order.parcels.find((parcel) => parcel.id === parcelId)!),
      options: options.map((option) => toOptionView(option, deps.policy, shopper.language)),
    })),
  };
}

/** The option of one type for one parcel, if the policy offers it now. */
function findOffered(deps: ProblemDeps, order: Order, parcelId: string | null, type: ProblemType | null, now: Date): Offered | null {
  if (!parcelId || !type) return null;
  const parcel = listProblemOptions(deps.policy, order, now, deps.timeZone).parcels.find((candidate) => candidate.parcelId === parcelId);
  const option = parcel?.options.find((candidate) => candidate.type === type);
  return option?.offered ? option : null;
}

const detailsPage = (deps: ProblemDeps, shopper: Shopper, order: Order, option: Offered, answers: ProblemAnswers, errors = noErrors()): ProblemPage => ({
  step: 'details', parcel: toParcelView(order, order.parcels.find((parcel) => parcel.id === answers.parcelId)!),
  option: toOptionView(option, deps.policy, shopper.language) as OfferedView, maxPhotos: maxPhotosOf(option), answers, errors,
});

/**
 * A GET of the page: with a parcel and a type the policy offers, step 2 with a fresh report (or
 * the open report of that type about that parcel); otherwise step 1, the parcel preselected.
 */
export async function loadProblemPage(deps: ProblemDeps, shopper: Shopper, query: { parcel: string | null; type: ProblemType | null }, now: Date): Promise<ProblemResult> {
  const order = await deps.orders.getOrder(shopper.orderId);
  if (!order) return { gone: true };
  const parcelId = order.parcels.some((parcel) => parcel.id === query.parcel) ? query.parcel : null;
  const option = findOffered(deps, order, parcelId, query.type, now);
  if (!option || !parcelId) return { page: choosePage(deps, shopper, order, now, parcelId), status: 200 };
  const open = await findEarlierReport(deps, order.id, parcelId, option.type);
  if (open) return { location: caseUrl(open.id) };
  return { page: detailsPage(deps, shopper, order, option, newAnswers(parcelId, option, randomUUID())), status: 200 };
}

/**
 * A POST of steps 2 and 3. `review` takes the new photos (each bad file named, the rest kept) and
 * answers the offer, or the details again with what to fix; `edit` goes back to the details;
 * `confirm` opens the case. Everything is decided again against the order and policy now.
 */
export async function postProblem(deps: ProblemDeps, shopper: Shopper, post: ProblemPost, input: { files: readonly File[]; oversized: number }, now: Date): Promise<ProblemResult> {
  if (post.intent === 'confirm') {
    const replayed = await deps.cases.findCaseByIdempotencyKey(post.idempotencyKey, shopper.orderId);
    if (replayed) return { location: caseUrl(replayed.id) };
    const open = await findEarlierReport(deps, shopper.orderId, post.parcelId, post.type);
    if (open) return { location: caseUrl(open.id) };
    deps.orders.invalidate?.(shopper.orderId);
  }
  const order = await deps.orders.getOrder(shopper.orderId);
  if (!order) return { gone: true };
  const option = findOffered(deps, order, post.parcelId, post.type, now);
  // A type the policy does not offer for this parcel (now, or ever) is never taken.
  if (!option) return { page: choosePage(deps, shopper, order, now, post.parcelId, ['problem:errors.notOffered']), status: 409 };
  const pending = deps.photos.pending(ownerOf(deps, shopper.sessionId));
  let keys = await keepOwnKeys(pending, post.photoKeys ?? []);
  const photoErrors: ProblemErrors['photos'] = [];
  if (post.intent === 'review') {
    if (post.removePhoto && keys.includes(post.removePhoto)) {
      await pending.delete(post.removePhoto);
      keys = keys.filter((key) => key !== post.removePhoto);
    }
    const accepted = await acceptReportPhotos(pending, input.files, Math.max(0, maxPhotosOf(option) - keys.length));
    keys = [...keys, ...accepted.keys];
    photoErrors.push(...Array.from({ length: input.oversized }, () => ({ name: null, key: 'problem:errors.photoDropped' })), ...accepted.problems);
  }
  const answers = toAnswers(post, option, keys);
  if (post.intent === 'edit' || (post.intent === 'review' && post.removePhoto)) {
    return { page: detailsPage(deps, shopper, order, option, answers, { ...noErrors(), photos: photoErrors }), status: 200 };
  }
  const { decision, errors } = decideAnswers({ policy: deps.policy, order, now, timeZone: deps.timeZone }, option, answers);
  errors.photos.unshift(...photoErrors);
  if (!decision?.ok || hasErrors(errors)) return { page: detailsPage(deps, shopper, order, option, answers, errors), status: 400 };
  if (post.intent === 'review') {
    return {
      page: { step: 'review', parcel: toParcelView(order, order.parcels.find((p) => p.id === post.parcelId)!), option: toOptionView(option, deps.policy, shopper.language) as OfferedView, answers, offer: toOfferView(decision.offer, order, deps.policy, shopper.language) },
      status: 200,
    };
  }
  return openReport(deps, shopper, order, answers, { offer: decision.offer, policyVersion: decision.policyVersion, onApproval: toOnApproval(option, decision.offer, order) }, now);
}

type OnApproval = ProblemDetails['offer']['onApproval'];

/** What an agent's approval of a review carries out: the rule's own offer, its amount capped at the order's total as the policy caps it. */
function toOnApproval(option: Offered, offer: ProblemOffer, order: Order): OnApproval {
  if (offer.outcome !== 'review' || option.outcome === 'review') return null;
  if (option.outcome === 'reship') return { outcome: 'reship', amount: null };
  const { currencyCode } = offer.value;
  const value = toMinorUnits(offer.value.amount, currencyCode);
  const total = order.total.currencyCode === currencyCode ? toMinorUnits(order.total.amount, currencyCode) : value;
  return { outcome: option.outcome, amount: toMoney(Math.min(value, total), currencyCode) };
}

/** Opens the case with its photos kept; the same key twice finds the same case. */
async function openReport(deps: ProblemDeps, shopper: Shopper, order: Order, answers: ProblemAnswers, decided: { offer: ProblemOffer; policyVersion: string; onApproval: OnApproval }, now: Date): Promise<ProblemResult> {
  const photoIds = await deps.photos.pending(ownerOf(deps, shopper.sessionId)).keep(answers.photoKeys);
  const parcel = order.parcels.find((candidate) => candidate.id === answers.parcelId)!;
  const items = new Map(order.lineItems.map((line) => [line.id, line]));
  const { offer } = decided;
  const opened = await deps.cases.openCase(
    {
      kind: 'problem', orderId: order.id, orderName: shopper.orderName, language: shopper.language, policyVersion: decided.policyVersion,
      customerEmailHash: customerHashOf(deps.hashId, order),
      details: {
        type: answers.type,
        parcel: { id: parcel.id, carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, trackingUrl: parcel.trackingUrl, status: parcel.status },
        lines: offer.lines.map(({ lineItemId, quantity }) => ({ lineItemId, quantity, title: items.get(lineItemId)?.title ?? '', variantTitle: items.get(lineItemId)?.variantTitle ?? null })),
        description: answers.description.trim() || null,
        photoIds,
        offer: {
          outcome: offer.outcome, amount: offer.amount ?? null, value: offer.value, clauseId: offer.clauseId,
          reviewReasons: offer.reasons.map(({ key, clauseId, facts }) => ({ key, clauseId, facts: { ...facts } })),
          onApproval: decided.onApproval,
        },
      },
      ...ticketLinkOf(shopper.ticketId),
    },
    answers.idempotencyKey,
    now,
    openingJobs(deps.helpdesk),
  );
  if (opened.status === 'key_conflict') {
    return { page: detailsPage(deps, shopper, order, findOffered(deps, order, answers.parcelId, answers.type, now)!, answers, { ...noErrors(), form: ['problem:errors.changed'] }), status: 409 };
  }
  return { location: caseUrl(opened.case.id) };
}
