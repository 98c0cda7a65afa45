import { listDemoOrders } from '~/sandbox/seed/seed.server';
import type { DemoOrder } from '~/sandbox/seed/types.server';
import { json } from './responses.server';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function row(order: DemoOrder): string {
  const cells = [order.email, order.scenario, order.description, order.currency, order.country].map(escapeHtml);
  return `<tr><th scope="row">${escapeHtml(order.name)}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function page(orders: DemoOrder[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo orders – Comptoir sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; margin-bottom: .5rem; }
th, td { border: 1px solid #c8c8c8; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f0ede6; }
code { font-size: .95em; }
</style>
</head>
<body>
<main>
<h1>Demo orders</h1>
<p>Look up any of these orders in the portal with its order number and email address. Data is made up and resets when the sandbox restarts.</p>
<table>
<caption>${orders.length} demo orders and what each one shows</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Email</th><th scope="col">Scenario</th><th scope="col">What you should see</th><th scope="col">Currency</th><th scope="col">Country</th></tr></thead>
<tbody>
${orders.map(row).join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
}

/** `GET /__sandbox/orders`: JSON for tools, an accessible table for people. */
export function serveDemoOrders(request: Request, extraOrders = 0): Response {
  const orders = listDemoOrders(extraOrders);
  if ((request.headers.get('Accept') ?? '').includes('application/json')) return json({ orders });
  return new Response(page(orders), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
