/**
 * Walks the return flow's steps over HTTP as a browser with no JavaScript would (items, reasons,
 * refund), for the benches that time what comes after: the draft is then complete, and the
 * returned `send` posts the review (the POST that opens the case).
 */
const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? null;

export async function walkToReview(portal: string, cookie: string, reasonId: string): Promise<{ send: () => Promise<Response> } | null> {
  const get = async (path: string) => (await fetch(`${portal}${path}`, { headers: { Cookie: cookie } })).text();
  const items = await get('/order/return');
  const line = attr(items, /name="lines\[0\]\.id" value="([^"]+)"/);
  const token = attr(items, /name="csrf" value="([^"]+)"/);
  if (!line || !token) return null;
  const post = async (step: string, fields: [string, string][]) => {
    const form = new FormData();
    for (const [name, value] of [['csrf', token], ['step', step], ...fields] as [string, string][]) form.append(name, value);
    return fetch(`${portal}/order/return?step=${step}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: portal }, body: form });
  };
  const next = async (step: string, fields: [string, string][], expected: string) => {
    const response = await post(step, fields);
    await response.arrayBuffer();
    return response.status === 303 && response.headers.get('location') === `/order/return?step=${expected}`;
  };
  if (!(await next('items', [['lines[0].id', line], ['lines[0].selected', 'on'], ['lines[0].quantity', '1']], 'why'))) return null;
  const why = await get('/order/return?step=why');
  // The checks this reason asks for, as its own checkboxes name them.
  const checks = [...why.matchAll(new RegExp(`name="lines\\[0\\]\\.conditions"[^>]*? value="(${reasonId}:[^"]+)"`, 'g'))].map((match) => match[1]!);
  const answers: [string, string][] = [['lines[0].id', line], ['lines[0].reasonId', reasonId], ...checks.map((value): [string, string] => ['lines[0].conditions', value])];
  if (!(await next('why', answers, 'refund'))) return null;
  if (!(await next('refund', [['refundMethod', 'original_payment']], 'review'))) return null;
  return { send: () => post('review', [['intent', 'submit']]) };
}
