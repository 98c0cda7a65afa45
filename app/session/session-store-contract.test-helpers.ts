import { expect, it } from 'vitest';
import type { SessionStore } from './ports';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-rules';
import { hashSessionToken } from './token.server';

const START = new Date('2030-03-01T09:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const ORDER = { orderId: 'gid://shopify/Order/1001', orderName: '#1001' };

/** Behaviour every SessionStore must share, driven by the `now` each call receives. */
export function runSessionStoreContract(getStore: () => SessionStore): void {
  it('hands out a 32-byte base64url token and keys the session by its sha256', async () => {
    const { token, session } = await getStore().create(ORDER, START);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
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
}
