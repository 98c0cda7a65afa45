import { expect, it } from 'vitest';
import type { SessionStore } from './ports';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-rules';
import { TEST_SESSION_SECRET } from './memory-session-store.test-helpers';
import { hashSessionToken, toSessionCredential } from './token.server';

const START = new Date('2030-03-01T09:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const ORDER = { orderId: 'gid://shopify/Order/1001', orderName: '#1001' };

/** Behaviour every SessionStore must share, driven by the `now` each call receives. */
export function runSessionStoreContract(getStore: () => SessionStore): void {
  it('hands out a 32-byte base64url token with its order sealed, and keys the session by the token\'s sha256', async () => {
    const { token: cookie, session } = await getStore().create(ORDER, START);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]+$/);
    const token = cookie.split('.')[0]!;
    expect(cookie).not.toContain(ORDER.orderName);
    expect(session).toEqual({
      id: hashSessionToken(token),
      ...ORDER,
      ticketId: null,
      createdAt: START,
      lastSeenAt: START,
    });
    expect(session.id).not.toContain(token);
  });

  it('finds the session by its token and nothing by another', async () => {
    const store = getStore();
    const { token, session } = await store.create(ORDER, START);
    const { token: otherToken } = await store.create({ ...ORDER, orderName: '#1002' }, START);
    expect(await store.get(token, at(SECOND))).toEqual(session);
    expect((await store.get(otherToken, at(SECOND)))?.orderName).toBe('#1002');
    expect(await store.get(hashSessionToken(token), at(SECOND))).toBeNull();
    expect(await store.get('not-a-token', at(SECOND))).toBeNull();
  });

  it('keeps the Gorgias ticket of the link that opened the session', async () => {
    const store = getStore();
    const { token } = await store.create({ ...ORDER, ticketId: 4242 }, START);
    const { token: plain } = await store.create(ORDER, START);
    expect((await store.get(token, at(SECOND)))?.ticketId).toBe(4242);
    expect((await store.get(plain, at(SECOND)))?.ticketId).toBeNull();
  });

  it('touches last-seen at most once a minute', async () => {
    const store = getStore();
    const { token } = await store.create(ORDER, START);
    expect((await store.get(token, at(59 * SECOND)))?.lastSeenAt).toEqual(START);
    expect((await store.get(token, at(MINUTE)))?.lastSeenAt).toEqual(at(MINUTE));
    expect((await store.get(token, at(MINUTE + 30 * SECOND)))?.lastSeenAt).toEqual(at(MINUTE));
  });

  it('expires after 30 idle minutes, counted from the last touch', async () => {
    const store = getStore();
    // Each read touches the session, so each boundary gets a session of its own.
    const almostIdle = await store.create(ORDER, START);
    const idle = await store.create(ORDER, START);
    const { token } = await store.create(ORDER, START);
    expect(await store.get(almostIdle.token, at(SESSION_IDLE_MS - 1))).not.toBeNull();
    expect(await store.get(idle.token, at(SESSION_IDLE_MS))).toBeNull();
    await store.get(token, at(10 * MINUTE));
    const lastTouch = 10 * MINUTE + SESSION_IDLE_MS - 1;
    expect(await store.get(token, at(lastTouch))).not.toBeNull();
    expect(await store.get(token, at(lastTouch + SESSION_IDLE_MS))).toBeNull();
  });

  it('expires 24 hours after creation however active the shopper is', async () => {
    const store = getStore();
    const { token } = await store.create(ORDER, START);
    for (let elapsed = 20 * MINUTE; elapsed < SESSION_ABSOLUTE_MS; elapsed += 20 * MINUTE) {
      expect(await store.get(token, at(elapsed))).not.toBeNull();
    }
    expect(await store.get(token, at(SESSION_ABSOLUTE_MS - 1))).not.toBeNull();
    expect(await store.get(token, at(SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it('refuses a revoked session and leaves the others alone', async () => {
    const store = getStore();
    const { token } = await store.create(ORDER, START);
    const { token: otherToken } = await store.create(ORDER, START);
    await store.revoke(token, at(MINUTE));
    await store.revoke(token, at(2 * MINUTE));
    await store.revoke('unknown', at(2 * MINUTE));
    expect(await store.get(token, at(2 * MINUTE))).toBeNull();
    expect(await store.get(otherToken, at(2 * MINUTE))).not.toBeNull();
  });

  it('opens a row before its order is known: the bound cookie works at once, saved or not', async () => {
    const store = getStore();
    const pending = await store.open(START);
    const { token, session, save } = pending.bind(ORDER);
    expect(session).toMatchObject({ ...ORDER, ticketId: null, createdAt: START });
    expect(await store.get(token, at(SECOND))).toMatchObject(ORDER);
    await save();
    expect(await store.get(token, at(2 * SECOND))).toMatchObject({ id: session.id, ...ORDER });
    expect((await store.get(token.split('.')[0]!, at(3 * SECOND)))?.orderId).toBe(ORDER.orderId);
  });

  it('lets an unbound row open nothing, and a discarded one is gone', async () => {
    const store = getStore();
    const kept = await store.open(START);
    const dropped = await store.open(START);
    const late = dropped.bind(ORDER);
    await dropped.discard();
    expect(await store.get(late.token, at(SECOND))).toBeNull();
    // Only bind() ever shows a pending row's token; a bare token of one opens nothing.
    const { token } = kept.bind(ORDER);
    expect(await store.get(token.split('.')[0]!, at(SECOND))).toBeNull();
  });

  it('refuses a cookie whose sealed order was altered, swapped or contradicts the row', async () => {
    const store = getStore();
    const mine = (await store.create(ORDER, START)).token;
    const theirs = (await store.create({ orderId: 'gid://shopify/Order/2002', orderName: '#2002' }, START)).token;
    const [myToken, mySeal] = mine.split('.') as [string, string];
    const theirSeal = theirs.split('.')[1]!;
    expect(await store.get(`${myToken}.${theirSeal}`, at(SECOND))).toBeNull();
    const flipped = `${mySeal.slice(0, 10)}${mySeal[10] === 'A' ? 'B' : 'A'}${mySeal.slice(11)}`;
    expect(await store.get(`${myToken}.${flipped}`, at(SECOND))).toBeNull();
    // Even a genuine seal (the secret leaked into a test) cannot move a bound row to another order.
    const forged = toSessionCredential(myToken, { orderId: 'gid://shopify/Order/2002', orderName: '#2002' }, TEST_SESSION_SECRET);
    expect(await store.get(forged, at(SECOND))).toBeNull();
    expect(await store.get(mine, at(SECOND))).toMatchObject(ORDER);
  });
}
