import { formPass } from '../form-pass';
import { formHeaders, lookupBody } from '../pages';
import { walkToReview } from '../return-steps';

/*
 * A scripted shopper, as a browser with JavaScript off would go: the lookup form with its token and
 * anti-forgery cookie, the order page, the return form's steps. Any portal serves any step: the
 * cookies a portal set are sent to the other one as they are.
 */
export type DemoOrder = { name: string; email: string; scenario: string };
export type Pass = Awaited<ReturnType<typeof formPass>>;

export async function listOrders(shopifyUrl: string): Promise<DemoOrder[]> {
  const response = await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } });
  return ((await response.json()) as { orders: DemoOrder[] }).orders;
}

export { formPass };

/** One lookup: its status (302 found, 400 not found, 429 locked, 503 try again) and the session cookie it set. */
export async function lookUp(portal: string, pass: Pass, order: Pick<DemoOrder, 'name' | 'email'>): Promise<{ status: number; session: string | null }> {
  const response = await fetch(`${portal}/?index`, { method: 'POST', redirect: 'manual', headers: formHeaders(pass), body: lookupBody(pass, { ...order, scenario: '' }) });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((line) => line.startsWith('comptoir_session='))?.split(';')[0] ?? null;
  return { status: response.status, session };
}

/** Signs in on `portal`: the cookies a browser would then send (anti-forgery and session). */
export async function signIn(portal: string, order: DemoOrder): Promise<string> {
  const pass = await formPass(portal);
  const { status, session } = await lookUp(portal, pass, order);
  if (status !== 302 || !session) throw new Error(`lookup of ${order.name} on ${portal} answered ${status}`);
  return `${pass.headers.Cookie}; ${session}`;
}

/** The order page: its status, and whether it shows the order (not the lookup form). */
export async function readOrderPage(portal: string, cookie: string, order: DemoOrder): Promise<{ status: number; showsOrder: boolean }> {
  const response = await fetch(`${portal}/order`, { redirect: 'manual', headers: { Cookie: cookie } });
  const html = await response.text();
  return { status: response.status, showsOrder: response.status === 200 && html.includes(order.name) };
}

/** The units the return form offers (its items step), by fulfillment line item id. */
export async function offeredUnits(portal: string, cookie: string): Promise<string[]> {
  const html = await (await fetch(`${portal}/order/return`, { headers: { Cookie: cookie } })).text();
  return [...html.matchAll(/name="lines\[\d+\]\.id" value="([^"]+)"/g)].map((match) => match[1]!);
}

/** Sends a return of the first unit offered, for `reasonId`: the case it opened and that unit, or null. */
export async function sendReturn(portal: string, cookie: string, reasonId: string): Promise<{ caseId: string; unit: string } | null> {
  const [unit] = await offeredUnits(portal, cookie);
  const flow = unit ? await walkToReview(portal, cookie, reasonId) : null;
  if (!unit || !flow) return null;
  const response = await flow.send();
  await response.arrayBuffer();
  const location = response.headers.get('location');
  return response.status === 303 && location?.startsWith('/cases/') ? { caseId: location.slice('/cases/'.length), unit } : null;
}
