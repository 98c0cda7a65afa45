import { formPass, lookUp, offeredUnits, readOrderPage, sendReturn, signIn, type DemoOrder } from './shopper';

/*
 * What two portals must share to look like one: a session opened on one is known to the other, a
 * failed-lookup cap counts the failures of both, and a return sent through one is no longer
 * offered by the other (the order's caches are dropped across processes by LISTEN/NOTIFY).
 */
export type Check = { name: string; ok: boolean; detail: string };
export type SentCase = { caseId: string; unit: string; order: string };

/** A session cookie from each portal opens the order page on the other. */
export async function checkSharedSessions([a, b]: [string, string], order: DemoOrder): Promise<Check> {
  const fromA = await readOrderPage(b, await signIn(a, order), order);
  const fromB = await readOrderPage(a, await signIn(b, order), order);
  return {
    name: 'a session opened on one portal is known to the other',
    ok: fromA.showsOrder && fromB.showsOrder,
    detail: `A's cookie on B: ${fromA.status}${fromA.showsOrder ? ' with the order' : ' without the order'}; B's cookie on A: ${fromB.status}${fromB.showsOrder ? ' with the order' : ' without the order'}`,
  };
}

/**
 * `max` wrong emails for one order, alternately on each portal, then the owner on each: with the
 * cap shared, the failures add up and both portals answer "locked" (429); counted per portal,
 * neither would have reached it and the owner would get in.
 */
export async function checkSharedLookupCap(portals: [string, string], order: DemoOrder, max: number): Promise<Check> {
  const passes = await Promise.all(portals.map((portal) => formPass(portal)));
  const statuses: number[] = [];
  for (let i = 0; i < max; i++) statuses.push((await lookUp(portals[i % 2]!, passes[i % 2]!, { name: order.name, email: `guess${i}@example.com` })).status);
  const owner = [await lookUp(portals[0], passes[0]!, order), await lookUp(portals[1], passes[1]!, order)].map((answer) => answer.status);
  return {
    name: `failed lookups on both portals lock the order after ${max} in total`,
    ok: statuses.every((status) => status === 400) && owner.every((status) => status === 429),
    detail: `${max} wrong emails answered ${statuses.join(' ')}; then the owner: ${owner.join(' on A, ')} on B`,
  };
}

/**
 * A return sent through portal A, while portal B has the same order's return form open in another
 * session: how long until B stops offering that unit (polled every 20 ms, for 5 s at most).
 */
type Propagation = { sent: SentCase | null; offeredBefore: boolean; goneAfterMs: number | null; othersStillOffered: boolean };

async function sendThroughAWatchB([a, b]: [string, string], order: DemoOrder): Promise<Propagation> {
  const onA = await signIn(a, order);
  const onB = await signIn(b, order);
  const before = await offeredUnits(b, onB);
  const sent = await sendReturn(a, onA, 'size-too-small');
  if (!sent) return { sent: null, offeredBefore: false, goneAfterMs: null, othersStillOffered: false };
  const answered = performance.now();
  const offeredBefore = before.includes(sent.unit);
  for (;;) {
    const offered = await offeredUnits(b, onB);
    const elapsed = performance.now() - answered;
    if (!offered.includes(sent.unit)) {
      const others = before.filter((unit) => unit !== sent.unit);
      return { sent: { ...sent, order: order.name }, offeredBefore, goneAfterMs: elapsed, othersStillOffered: others.every((unit) => offered.includes(unit)) };
    }
    if (elapsed > 5_000) return { sent: { ...sent, order: order.name }, offeredBefore, goneAfterMs: null, othersStillOffered: true };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One return per order through A, each watched from B: the check, the cases sent, and how long B took to see each. */
export async function checkNoStaleOffer(portals: [string, string], orders: DemoOrder[]): Promise<{ check: Check; sent: SentCase[]; propagationMs: (number | null)[] }> {
  const samples: Propagation[] = [];
  for (const order of orders) samples.push(await sendThroughAWatchB(portals, order));
  const describe = (sample: Propagation) => {
    if (!sample.sent) return 'not sent';
    if (!sample.offeredBefore) return 'B did not offer it before';
    if (sample.goneAfterMs === null) return 'still offered after 5 s';
    return `${sample.goneAfterMs.toFixed(0)} ms${sample.othersStillOffered ? '' : ' (the other units gone too)'}`;
  };
  return {
    check: {
      name: 'a return sent through portal A is no longer offered by portal B, which still offers the rest',
      ok: samples.every((sample) => sample.sent && sample.offeredBefore && sample.goneAfterMs !== null && sample.othersStillOffered),
      detail: samples.map(describe).join(', '),
    },
    sent: samples.flatMap((sample) => (sample.sent ? [sample.sent] : [])),
    propagationMs: samples.map((sample) => sample.goneAfterMs),
  };
}
