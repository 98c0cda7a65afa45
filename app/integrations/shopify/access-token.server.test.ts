import { describe, expect, it } from 'vitest';
import { UpstreamError } from '~/utils/upstream-error';
import { createGrantedTokenSource, type GrantedToken } from './access-token.server';

const HOUR = 3_600_000;

function createTestClock(start: string) {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** A token endpoint played by a list of answers, counting how often it is asked. */
function fakeGrants(answers: Array<GrantedToken | UpstreamError>) {
  const calls = { count: 0 };
  let release: () => void = () => {};
  const gate = { wait: false };
  return {
    calls,
    hold() {
      gate.wait = true;
      return () => release();
    },
    async grant(): Promise<GrantedToken> {
      calls.count += 1;
      if (gate.wait) await new Promise<void>((resolve) => { release = resolve; });
      const answer = answers.shift()!;
      if (answer instanceof UpstreamError) throw answer;
      return answer;
    },
  };
}

const refused = () => new UpstreamError({ service: 'shopify', status: 400, code: 'TOKEN_INVALID_CLIENT', retryable: false });
const unreachable = () => new UpstreamError({ service: 'shopify', status: null, code: 'TOKEN_UNREACHABLE', retryable: true });

describe('granted token source', () => {
  it('shares one grant among callers arriving while it is under way', async () => {
    const time = createTestClock('2026-12-02T08:00:00Z');
    const grants = fakeGrants([{ value: 'shpat_a', lifetimeMs: HOUR }]);
    const tokens = createGrantedTokenSource({ grant: grants.grant, shop: 's.myshopify.com', clock: time.clock });
    const release = grants.hold();
    const waiting = Promise.all([tokens.current(), tokens.current(), tokens.current()]);
    release();
    expect(await waiting).toEqual(['shpat_a', 'shpat_a', 'shpat_a']);
    expect(grants.calls.count).toBe(1);
  });

  it('renews a rejected token once, and hands the fresh one to callers holding the stale one', async () => {
    const time = createTestClock('2026-12-02T08:00:00Z');
    const grants = fakeGrants([{ value: 'shpat_a', lifetimeMs: HOUR }, { value: 'shpat_b', lifetimeMs: HOUR }]);
    const tokens = createGrantedTokenSource({ grant: grants.grant, shop: 's.myshopify.com', clock: time.clock });
    const stale = await tokens.current();
    expect(await Promise.all([tokens.renewAfterRejection(stale), tokens.renewAfterRejection(stale)])).toEqual(['shpat_b', 'shpat_b']);
    expect(await tokens.renewAfterRejection(stale)).toBe('shpat_b');
    expect(grants.calls.count).toBe(2);
  });

  it('keeps using a token that still lives when its early renewal fails, and fails once it is dead', async () => {
    const time = createTestClock('2026-12-02T08:00:00Z');
    const grants = fakeGrants([{ value: 'shpat_a', lifetimeMs: HOUR }, unreachable(), unreachable()]);
    const tokens = createGrantedTokenSource({ grant: grants.grant, shop: 's.myshopify.com', clock: time.clock });
    await tokens.current();
    time.advance(HOUR - 60_000);
    expect(await tokens.current()).toBe('shpat_a');
    time.advance(60_000);
    await expect(tokens.current()).rejects.toMatchObject({ code: 'TOKEN_UNREACHABLE' });
    expect(grants.calls.count).toBe(3);
  });

  it('holds a refusal of the credentials for a minute instead of asking on every call', async () => {
    const time = createTestClock('2026-12-02T08:00:00Z');
    const grants = fakeGrants([refused(), { value: 'shpat_a', lifetimeMs: HOUR }]);
    const tokens = createGrantedTokenSource({ grant: grants.grant, shop: 's.myshopify.com', clock: time.clock });
    await expect(tokens.current()).rejects.toMatchObject({ code: 'TOKEN_INVALID_CLIENT' });
    await expect(tokens.current()).rejects.toMatchObject({ code: 'TOKEN_INVALID_CLIENT' });
    expect(grants.calls.count).toBe(1);
    time.advance(60_000);
    expect(await tokens.current()).toBe('shpat_a');
  });
});
