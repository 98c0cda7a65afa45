import type { ActionFunctionArgs, AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '~/env.server';
import { prepareFormToken } from './form-token.server';

/*
 * Every route module that exports an action, found on disk: a form added tomorrow is held to the
 * same rule without anyone remembering to list it. Each must refuse a post without its token, and
 * a post from another origin, before it touches anything but the configuration.
 */
const routeModules = import.meta.glob<{ action?: (args: ActionFunctionArgs) => Promise<unknown> }>(['../routes/**/*.{ts,tsx}', '!../routes/**/*.test.{ts,tsx}']);

/** JSON endpoints Gorgias calls with a bearer key: no browser holds it, so no cookie can be ridden. */
const BEARER_ROUTES = new Set(['../routes/api.links.ts']);
/**
 * Vendor webhooks: signed by the vendor over the raw body (tests/integration/shopify-webhooks.test.ts,
 * app/routes/webhooks.labels.test.ts).
 */
const SIGNED_ROUTES = new Set(['../routes/webhooks.shopify.ts', '../routes/webhooks.loop.ts', '../routes/webhooks.aftership.ts']);
/** The catch-all: a 404 for every method, reading nothing (its test is below). */
const NOT_FOUND_ROUTE = '../routes/$.tsx';

const config = parseEnv({});
const PORTAL = 'http://127.0.0.1:3000';

/** Services that only have a configuration: anything else an action reaches for is a failure. */
function contextWith(requestOrigin: string | null): AppLoadContext {
  const services = new Proxy({ config } as AppLoadContext['services'], {
    get(target, property) {
      if (property === 'config') return target.config;
      throw new Error(`touched services.${String(property)} before the form was checked`);
    },
  });
  return { services, requestOrigin, cspNonce: '', clientAddress: '203.0.113.7', afterResponse: () => {} };
}

async function statusOf(run: () => Promise<unknown>): Promise<{ status: number; body: string }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, body: await result.text() };
    const init = (result as { init?: { status?: number } | null } | null)?.init;
    return { status: init?.status ?? 200, body: JSON.stringify((result as { data?: unknown } | null)?.data ?? result) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: '' };
    return { status: -1, body: String(thrown) };
  }
}

/** A multipart post, like the return form's; the other forms read it just as well. */
async function postTo(origin: string | null, withToken: boolean) {
  const pass = await prepareFormToken(new Request(`${PORTAL}/`), { secret: config.secret, live: false });
  const body = new FormData();
  body.set('orderNumber', '#1001');
  if (withToken) body.set('csrf', pass.token);
  const request = new Request(`${PORTAL}/form`, { method: 'POST', body, headers: { Cookie: pass.setCookie!.split(';')[0]! } });
  return { request, context: contextWith(origin) };
}

const actions = await Promise.all(
  Object.entries(routeModules).map(async ([path, load]) => ({ path, action: (await load()).action })),
).then((modules) => modules.filter((module): module is { path: string; action: NonNullable<typeof module.action> } => typeof module.action === 'function'));

describe('every form action', () => {
  beforeAll(() => vi.stubEnv('COMPTOIR_LOG', 'silent'));
  afterAll(() => vi.unstubAllEnvs());

  it('is found: the lookup, the return form and sign-out at least', () => {
    expect(actions.map(({ path }) => path)).toEqual(expect.arrayContaining(['../routes/_index.tsx', '../routes/order_.return/route.tsx', '../routes/sign-out.tsx']));
  });

  const forms = actions.filter(({ path }) => !BEARER_ROUTES.has(path) && !SIGNED_ROUTES.has(path) && path !== NOT_FOUND_ROUTE);

  it.each(forms)('$path refuses a post without its token (403, translated), touching nothing', async ({ action }) => {
    const { request, context } = await postTo(PORTAL, false);
    const answer = await statusOf(() => action({ request, context, params: {} }));
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('common:errors.formExpired');
  });

  it.each(forms)('$path refuses a post from another origin, or an opaque one, even with a token', async ({ action }) => {
    for (const origin of ['http://localhost:3000', 'null', null]) {
      const { request, context } = await postTo(origin, true);
      const answer = await statusOf(() => action({ request, context, params: {} }));
      expect(answer.status, String(origin)).toBe(403);
    }
  });

  it.each(forms)('$path goes on past the check with its token, from its own page', async ({ action }) => {
    const { request, context } = await postTo(PORTAL, true);
    const answer = await statusOf(() => action({ request, context, params: {} }));
    expect(answer.status).not.toBe(403);
  });

  it.each(forms)('$path reads its form through the bounded reader: a huge bracket index is a translated 400, touching nothing', async ({ action }) => {
    for (const body of ['x[10000000]=1', Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&')]) {
      const request = new Request(`${PORTAL}/form`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const answer = await statusOf(() => action({ request, context: contextWith(PORTAL), params: {} }));
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('common:errors.formUnreadable');
    }
  });

  it.each(actions.filter(({ path }) => BEARER_ROUTES.has(path)))('$path, a bearer-key endpoint, refuses a call without the key', async ({ action }) => {
    const request = new Request(`${PORTAL}/api`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    const answer = await statusOf(() => action({ request, context: contextWith(null), params: {} }));
    expect(answer.status).toBe(401);
  });

  it('the catch-all answers any post 404 without reading it or touching anything', async () => {
    const catchAll = actions.find(({ path }) => path === NOT_FOUND_ROUTE);
    expect(catchAll).toBeDefined();
    const request = new Request(`${PORTAL}/nowhere`, { method: 'POST', body: 'x[10000000]=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect((await statusOf(() => catchAll!.action({ request, context: contextWith(null), params: {} }))).status).toBe(404);
    expect(request.bodyUsed).toBe(false);
  });
});
