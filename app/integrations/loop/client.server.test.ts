import { describe, expect, it } from 'vitest';
import { isUpstreamError } from '~/utils/upstream-error';
import { createLoopClient } from './client.server';
import { createLoopRateGate } from './rate-limit.server';

const failure = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
};

describe('Loop client failures', () => {
  it('a network failure or a timeout is retryable and keeps no URL', async () => {
    const down = createLoopClient({ baseUrl: 'https://api.loopreturns.test', apiKey: 'k'.repeat(10), fetch: async () => { throw new TypeError('fetch failed https://api…'); } });
    expect(await failure(down.getReturnDetails('1'))).toMatchObject({ service: 'loop', status: null, code: 'NETWORK', retryable: true, cause: { name: 'TypeError' } });
    const slow = createLoopClient({ baseUrl: 'https://api.loopreturns.test', apiKey: 'k'.repeat(10), fetch: async () => { throw new DOMException('timed out', 'TimeoutError'); } });
    expect(await failure(slow.getReturnDetails('1'))).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('never follows a draft link to another host with our key', async () => {
    const sent: string[] = [];
    const client = createLoopClient({ baseUrl: 'https://api.loopreturns.test', apiKey: 'k'.repeat(10), fetch: async (url) => { sent.push(String(url)); return Response.json({}); } });
    const draft = { draft_return: { id: '1', state: 'created', return_id: null }, errors: [], _templates: {}, _links: { 'finalize-items': { href: 'https://elsewhere.example/steal' } } };
    expect(await failure(client.act(draft, 'finalize-items'))).toMatchObject({ code: 'UNEXPECTED_SHAPE', retryable: false });
    expect(sent).toEqual([]);
  });

  it('a 2xx whose body is not what Loop documents is an unexpected shape, not a crash', async () => {
    const client = createLoopClient({ baseUrl: 'https://api.loopreturns.test', apiKey: 'k'.repeat(10), fetch: async () => new Response('<html>', { status: 200 }) });
    expect(await failure(client.getReturnDetails('1'))).toMatchObject({ code: 'UNEXPECTED_SHAPE', retryable: false });
  });
});

describe('what we send', () => {
  it('a note Loop would refuse is stopped before it leaves, naming the field and not the value', async () => {
    const sent: string[] = [];
    const client = createLoopClient({ baseUrl: 'https://api.loopreturns.test', apiKey: 'k'.repeat(10), fetch: async (url) => { sent.push(String(url)); return Response.json('true'); } });
    const error = await failure(client.addReturnNote('42', 'x'.repeat(300)));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false, cause: { fields: ['content'] } });
    expect(sent).toEqual([]);
  });
});

describe('the 300-a-minute gate', () => {
  it('lets 300 calls through in a minute, then waits for the oldest to age out', async () => {
    let now = 0;
    const waits: number[] = [];
    const gate = createLoopRateGate({ now: () => now, sleep: async (ms) => { waits.push(ms); now += ms; }, maxWaitMs: 60_000 });
    for (let i = 0; i < 300; i++) {
      await gate.beforeRequest();
      now += 100;
    }
    expect(waits).toEqual([]);
    await gate.beforeRequest();
    expect(waits).toEqual([30_000]);
  });

  it('holds every call until a 429’s Retry-After has passed, within its cap', async () => {
    let now = 0;
    const waits: number[] = [];
    const gate = createLoopRateGate({ now: () => now, sleep: async (ms) => { waits.push(ms); now += ms; }, maxWaitMs: 5_000 });
    gate.holdFor(2);
    await gate.beforeRequest();
    gate.holdFor(60);
    await gate.beforeRequest();
    expect(waits).toEqual([2_000, 5_000]);
  });
});
