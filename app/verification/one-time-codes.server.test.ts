import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailMessage } from '~/mail/ports';
import { generateCode, hashCode } from './code-crypto.server';
import { CODE_TTL_MS, MAX_CODE_TRIES, SEND_LIMITS, type CodeBinding } from './code-rules';
import { createMemoryOneTimeCodeStore } from './memory-one-time-code-store.test-helpers';
import { checkCode, sendCode, type OneTimeCodeDeps } from './one-time-codes.server';

const T0 = new Date('2030-04-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const BINDING: CodeBinding = { sessionId: 'session-hash-1', orderId: 'gid://shopify/Order/1001', purpose: 'address_change' };
const SECRET = 'test-secret-for-one-time-codes-0123456789';

function setUp() {
  const sent: MailMessage[] = [];
  const store = createMemoryOneTimeCodeStore();
  const deps: OneTimeCodeDeps = { store, secret: SECRET, storeName: 'Maison Lumière', mailer: { send: async (message) => void sent.push(message) } };
  /** The code in the last email, read as the shopper reads it: the line of six digits. */
  const lastCode = () => sent.at(-1)!.text.match(/^\d{6}$/m)![0];
  return { deps, store, sent, lastCode };
}

const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeEach(() => vi.stubEnv('COMPTOIR_LOG', 'silent'));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('sendCode', () => {
  it('emails six digits that expire ten minutes later, and keeps only their keyed hash', async () => {
    const { deps, store, sent, lastCode } = setUp();
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', T0)).toEqual({ ok: true, expiresAt: at(CODE_TTL_MS) });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ada@example.com', subject: 'Your Maison Lumière verification code' });
    const code = lastCode();
    expect(sent[0]!.html).toContain(code);
    expect(sent[0]!.subject).not.toContain(code);
    const row = await store.read(BINDING);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row?.codeHash).toBe(hashCode(SECRET, BINDING, code));
  });

  it('writes the email in French for a French shopper', async () => {
    const { deps, sent } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'fr', T0);
    expect(sent[0]!.subject).toBe('Votre code de vérification Maison Lumière');
    expect(sent[0]!.text).toContain('Il expire dans 10 minutes');
  });

  it('waits 30 s between sends and sends at most 3 codes an hour', async () => {
    const { deps, sent } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', at(10_000))).toEqual({ ok: false, reason: 'cooldown', retryAfterSeconds: 20 });
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', at(SEND_LIMITS.cooldownMs))).toMatchObject({ ok: true });
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', at(5 * 60_000))).toMatchObject({ ok: true });
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', at(6 * 60_000))).toEqual({ ok: false, reason: 'too_many_sends', retryAfterSeconds: 54 * 60 });
    expect(sent).toHaveLength(3);
    expect(await sendCode(deps, BINDING, 'ada@example.com', 'en', at(SEND_LIMITS.windowMs))).toMatchObject({ ok: true });
  });

  it('caps each binding on its own: another order or session still gets its code', async () => {
    const { deps, sent } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    expect(await sendCode(deps, { ...BINDING, orderId: 'gid://shopify/Order/1002' }, 'ada@example.com', 'en', T0)).toMatchObject({ ok: true });
    expect(await sendCode(deps, { ...BINDING, sessionId: 'session-hash-2' }, 'ada@example.com', 'en', T0)).toMatchObject({ ok: true });
    expect(sent).toHaveLength(3);
  });

  it('generates six digits, leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes.map((code) => code[0])).size).toBe(10);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
});

describe('checkCode', () => {
  it('accepts the emailed code once, typed with spaces around and inside', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const code = lastCode();
    expect(await checkCode(deps, BINDING, ` ${code.slice(0, 3)} ${code.slice(3)} `, at(1000))).toEqual({ ok: true });
    expect(await checkCode(deps, BINDING, code, at(2000))).toEqual({ ok: false, reason: 'none' });
  });

  it('compares with the constant-time function', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const compare = vi.spyOn(crypto, 'timingSafeEqual');
    await checkCode(deps, BINDING, wrongFor(lastCode()), at(1000));
    expect(compare).toHaveBeenCalledTimes(1);
  });

  it('accepts the code up to its last millisecond, and calls it expired from ten minutes on', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    expect(await checkCode(deps, BINDING, lastCode(), at(CODE_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
    expect(await checkCode(deps, BINDING, lastCode(), at(CODE_TTL_MS - 1))).toEqual({ ok: true });
  });

  it('counts down five wrong tries, then refuses even the right code', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const code = lastCode();
    for (let left = MAX_CODE_TRIES - 1; left >= 0; left -= 1) {
      expect(await checkCode(deps, BINDING, wrongFor(code), at(1000))).toEqual({ ok: false, reason: 'wrong', triesLeft: left });
    }
    expect(await checkCode(deps, BINDING, code, at(2000))).toEqual({ ok: false, reason: 'locked' });
  });

  it('accepts the right code on the fifth try', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    for (let i = 1; i < MAX_CODE_TRIES; i += 1) await checkCode(deps, BINDING, wrongFor(lastCode()), at(1000));
    expect(await checkCode(deps, BINDING, lastCode(), at(2000))).toEqual({ ok: true });
  });

  it('kills the old code when a new one is sent, with five fresh tries', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const old = lastCode();
    for (let i = 1; i < MAX_CODE_TRIES; i += 1) await checkCode(deps, BINDING, wrongFor(old), at(1000));
    await sendCode(deps, BINDING, 'ada@example.com', 'en', at(SEND_LIMITS.cooldownMs));
    const fresh = lastCode();
    if (old !== fresh) expect(await checkCode(deps, BINDING, old, at(SEND_LIMITS.cooldownMs + 1))).toEqual({ ok: false, reason: 'wrong', triesLeft: MAX_CODE_TRIES - 1 });
    expect(await checkCode(deps, BINDING, fresh, at(SEND_LIMITS.cooldownMs + 2))).toEqual({ ok: true });
  });

  it('opens only its own binding: another session, order or purpose gets nothing from it', async () => {
    const { deps, store, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const other = { ...BINDING, sessionId: 'session-hash-2' };
    // Even a row copied from the first binding does not match there: the hash covers the binding.
    const row = (await store.read(BINDING))!;
    await store.issue(other, { codeId: 'copied', codeHash: row.codeHash, issuedAt: T0, expiresAt: row.expiresAt }, SEND_LIMITS);
    expect(await checkCode(deps, other, lastCode(), at(1000))).toEqual({ ok: false, reason: 'wrong', triesLeft: MAX_CODE_TRIES - 1 });
    expect(await checkCode(deps, { ...BINDING, orderId: 'gid://shopify/Order/1002' }, lastCode(), at(1000))).toEqual({ ok: false, reason: 'none' });
    expect(await checkCode(deps, BINDING, lastCode(), at(1000))).toEqual({ ok: true });
  });

  it('answers wrong to what cannot be a code, without costing a try', async () => {
    const { deps, store, lastCode } = setUp();
    expect(await checkCode(deps, BINDING, '12345', T0)).toEqual({ ok: false, reason: 'none' });
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    for (const typed of ['12345', '1234567', '12a456', '', '١٢٣٤٥٦']) {
      expect(await checkCode(deps, BINDING, typed, at(1000))).toEqual({ ok: false, reason: 'wrong', triesLeft: MAX_CODE_TRIES });
    }
    expect((await store.read(BINDING))?.tries).toBe(0);
    expect(await checkCode(deps, BINDING, lastCode(), at(2000))).toEqual({ ok: true });
  });

  it('lets one of two simultaneous right submissions through', async () => {
    const { deps, lastCode } = setUp();
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    const results = await Promise.all([checkCode(deps, BINDING, lastCode(), at(1000)), checkCode(deps, BINDING, lastCode(), at(1000))]);
    expect(results).toEqual(expect.arrayContaining([{ ok: true }, { ok: false, reason: 'none' }]));
  });

  it('writes the code to no log line', async () => {
    const { deps, lastCode } = setUp();
    vi.stubEnv('COMPTOIR_LOG', '');
    const lines: string[] = [];
    for (const stream of ['log', 'warn', 'error', 'info'] as const) vi.spyOn(console, stream).mockImplementation((...args) => void lines.push(args.join(' ')));
    await sendCode(deps, BINDING, 'ada@example.com', 'en', T0);
    await checkCode(deps, BINDING, wrongFor(lastCode()), at(1000));
    await checkCode(deps, BINDING, lastCode(), at(2000));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line).not.toContain(lastCode());
      expect(line).not.toContain(wrongFor(lastCode()));
      expect(line).not.toContain('ada@example.com');
    }
  });
});
