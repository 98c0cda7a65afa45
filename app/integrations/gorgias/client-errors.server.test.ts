import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUpstreamError, type UpstreamError } from '~/utils/upstream-error';
import { createGorgiasClient, type GorgiasClientConfig } from './client.server';
import { readGorgiasErrorDetail } from './errors.server';
import { startFakeGorgias } from './fake-http.test-helper';

/** Failures, as the queue and the logs see them, and the account call-limit gate. */
let fake: Awaited<ReturnType<typeof startFakeGorgias>>;
beforeAll(async () => { fake = await startFakeGorgias(); });
afterAll(() => fake.close());

const client = (over: Partial<GorgiasClientConfig> = {}) => createGorgiasClient({ baseUrl: fake.baseUrl, email: 'bot@store.com', apiKey: 'k3y', ...over });
const failure = async (work: Promise<unknown>): Promise<UpstreamError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
};

describe('Gorgias client failures', () => {
  it('turns 409 on a customer into CONFLICT, keeping field names but no values', async () => {
    fake.reply([{ status: 409, json: { error: { msg: 'Customer with email "ann@example.com" already exists', data: { email: ['ann@example.com is already in use'], channels: { '0': { address: ['ann@example.com'] } } } } } }]);
    const error = await failure(client().createCustomer({ email: 'ann@example.com', name: 'Ann Lee' }));
    expect(error).toMatchObject({ service: 'gorgias', status: 409, code: 'CONFLICT', retryable: false, retryAfterSeconds: null });
    expect(readGorgiasErrorDetail(error)).toEqual({ kind: 'gorgias-error-detail', message: 'Customer with email [value] already exists', fields: ['email', 'channels.0.address'] });
    expect(JSON.stringify({ message: error.message, cause: error.cause })).not.toMatch(/ann@example|Ann Lee/);
  });

  it('turns 404 into NOT_FOUND', async () => {
    fake.reply([{ status: 404, json: { error: { msg: 'Resource not found.' } } }]);
    expect(await failure(client().getTicket(404404))).toMatchObject({ status: 404, code: 'NOT_FOUND', retryable: false });
  });

  it('turns 429 into a retryable RATE_LIMITED with Retry-after, and does not retry itself', async () => {
    fake.reply([{ status: 429, headers: { 'Retry-after': '5', 'X-Gorgias-Account-Api-Call-Limit': '40/40' }, json: { error: { msg: 'Too many requests' } } }]);
    const error = await failure(client({ sleep: async () => {} }).getTicket(1));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 5 });
    expect(fake.requests).toHaveLength(1);
  });

  it('marks 5xx and unreachable hosts retryable; other 4xx not', async () => {
    fake.reply([{ status: 503, text: '<html>down</html>' }, { status: 422, json: { error: { msg: 'Unprocessable' } } }]);
    expect(await failure(client().getTicket(1))).toMatchObject({ status: 503, code: 'HTTP_503', retryable: true });
    expect(await failure(client().getTicket(1))).toMatchObject({ status: 422, code: 'HTTP_422', retryable: false });
    const down = client({ baseUrl: 'http://127.0.0.1:9' });
    expect(await failure(down.getTicket(1))).toMatchObject({ status: null, code: 'NETWORK', retryable: true });
  });

  it('surfaces a 301 (merged record) as MOVED instead of following it', async () => {
    fake.reply([{ status: 301, headers: { Location: '/api/customers/10' }, text: '' }]);
    expect(await failure(client().createCustomer({ email: 'ann@example.com', name: 'Ann' }))).toMatchObject({ status: 301, code: 'MOVED' });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a reply of the wrong shape, and a malformed write before sending it', async () => {
    fake.reply([{ status: 200, json: { id: 'not-a-number' } }]);
    expect(await failure(client().getTicket(1))).toMatchObject({ status: 200, code: 'UNEXPECTED_SHAPE', retryable: false });
    fake.reply([]);
    const tooLong = { externalId: 'x'.repeat(256), subject: 's', customer: { id: 1 }, messages: [{ bodyText: 'b' }] };
    expect(await failure(client().createTicket(tooLong))).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Gorgias call-limit gate', () => {
  it('waits before the next call when the last reply said the bucket was full, and not otherwise', async () => {
    const waits: number[] = [];
    let now = 1_000_000;
    const gorgias = client({ clock: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    const reply = (used: string) => ({ status: 200, headers: { 'X-Gorgias-Account-Api-Call-Limit': used }, json: { object: 'list', data: [], meta: { next_cursor: null } } });
    fake.reply([reply('39/40'), reply('40/40'), reply('42/40'), reply('10/40')]);
    await gorgias.findCustomerByEmail('a@example.com');
    await gorgias.findCustomerByEmail('a@example.com');
    expect(waits).toEqual([]);
    await gorgias.findCustomerByEmail('a@example.com'); // bucket full: one call leaks every 20 s / 40
    await gorgias.findCustomerByEmail('a@example.com'); // three over: three calls' worth
    expect(waits).toEqual([500, 1500]);
  });

  it('fails retryably instead of waiting past the cap, without calling Gorgias', async () => {
    const waits: number[] = [];
    const gorgias = client({ maxRateLimitWaitMs: 2_000, clock: () => 0, sleep: async (ms) => { waits.push(ms); } });
    fake.reply([{ status: 200, headers: { 'X-Gorgias-Account-Api-Call-Limit': '200/40' }, json: { object: 'list', data: [] } }]);
    await gorgias.findCustomerByEmail('a@example.com');
    const error = await gorgias.findCustomerByEmail('a@example.com').catch((e: unknown) => e);
    // 161 calls over the limit drain at 2 a second.
    expect(isUpstreamError(error) && [error.code, error.retryable, error.retryAfterSeconds]).toEqual(['RATE_LIMITED', true, 81]);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('holds the next call back for exactly the Retry-After of a 429', async () => {
    const waits: number[] = [];
    let now = 1_000_000;
    const gorgias = client({ clock: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    fake.reply([
      { status: 429, headers: { 'Retry-After': '3', 'X-Gorgias-Account-Api-Call-Limit': '40/40' }, json: { error: { msg: 'Too many requests' } } },
      { status: 200, headers: { 'X-Gorgias-Account-Api-Call-Limit': '1/40' }, json: { object: 'list', data: [] } },
    ]);
    await gorgias.findCustomerByEmail('a@example.com').catch(() => undefined);
    await gorgias.findCustomerByEmail('a@example.com');
    expect(waits).toEqual([3_000]);
  });
});
