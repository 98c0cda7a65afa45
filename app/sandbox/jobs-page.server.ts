import { html, isSameOrigin } from './page-response.server';
import { z } from 'zod';
import { countJobs, JOB_STATES, listParked, redriveParked, type ParkedJob, type QueueCounts } from '~/jobs/parking.server';
import type { Queue } from '~/jobs/queue.server';

/*
 * `/__sandbox/jobs`: the job queues as a person sees them in the sandbox — jobs per state, the
 * parked ones with why they gave up, and buttons that re-drive one or all of them
 * (`POST /__sandbox/jobs/redrive`). The same re-drive as `npm run jobs -- redrive`.
 */
const PATH = '/__sandbox/jobs';

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const RedriveFormSchema = z.union([
  z.object({ id: z.uuid() }),
  z.object({ all: z.literal('1'), queue: z.string().min(1).optional() }),
]);

const NoticeSchema = z.object({ redriven: z.coerce.number().int().min(0), alreadyQueued: z.coerce.number().int().min(0) });

function countsTable(queues: QueueCounts[]): string {
  const head = ['Queue', ...JOB_STATES, 'parked'].map((h, i) => `<th scope="col"${i ? ' class="n"' : ''}>${escape(h)}</th>`).join('');
  const rows = queues.map((q) => `<tr><th scope="row"><code>${escape(q.name)}</code></th>${JOB_STATES.map((s) => `<td class="n">${q.counts[s]}</td>`).join('')}<td class="n">${q.parked}</td></tr>`);
  return `<table><caption>Jobs by state</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const redriveButton = (fields: Record<string, string>, label: string) =>
  `<form method="post" action="${PATH}/redrive">${Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`).join('')}<button type="submit">${escape(label)}</button></form>`;

function parkedTable(parked: ParkedJob[]): string {
  if (parked.length === 0) return '<h2>Parked jobs</h2><p>No parked job: every delivery went through or is still being retried.</p>';
  const rows = parked.map((job) => `<tr>
<td><code>${escape(job.queue)}</code></td><th scope="row">${escape(job.caseId ?? '—')}</th>
<td><strong>${escape(job.code)}</strong>${job.status === null ? '' : ` (HTTP ${job.status})`}${job.message ? `<br><small>${escape(job.message)}</small>` : ''}</td>
<td class="n">${escape(job.attempts ?? '—')}</td><td><time datetime="${job.parkedAt.toISOString()}">${escape(job.parkedAt.toISOString())}</time></td>
<td>${redriveButton({ id: job.id }, `Re-drive ${job.caseId ?? job.id}`)}</td></tr>`);
  return `<h2>Parked jobs</h2>
<p>These gave up: their retries ran out, or the upstream refused them for good. Re-driving sends a job back to its queue with a fresh set of retries.</p>
${redriveButton({ all: '1' }, `Re-drive all ${parked.length}`)}
<table><caption>${parked.length} parked, oldest first</caption>
<thead><tr><th scope="col">Queue</th><th scope="col">Case</th><th scope="col">Error</th><th scope="col" class="n">Attempts</th><th scope="col">Parked at</th><th scope="col">Action</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

function page(queues: QueueCounts[], parked: ParkedJob[], notice: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jobs – Comptoir sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: 600; margin-bottom: .5rem; }
th, td { border: 1px solid #c8c8c8; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f0ede6; }
.n { text-align: right; }
[role=status] { background: #e6f4ea; border: 1px solid #7cb88a; padding: .5rem .75rem; }
button { font: inherit; padding: .2rem .6rem; }
</style>
</head>
<body>
<main>
<h1>Jobs</h1>
${notice}
<p>Deliveries to Shopify and Gorgias run as jobs. Outside the sandbox, the same list and re-drive are <code>npm run jobs -- parked</code> and <code>npm run jobs -- redrive</code>.</p>
${countsTable(queues)}
${parkedTable(parked)}
</main>
</body>
</html>
`;
}


/** The page's request handler; `jobs` is read per request (the queue starts after the mount). */
export function createJobsPage(jobs: () => Pick<Queue, 'boss' | 'settings'>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === PATH && request.method === 'GET') {
      const done = NoticeSchema.safeParse(Object.fromEntries(url.searchParams));
      const notice = done.success
        ? `<p role="status">Re-driven: ${done.data.redriven}. Already queued for their case, so not sent again: ${done.data.alreadyQueued}.</p>`
        : '';
      return html(page(await countJobs(jobs()), await listParked(jobs()), notice));
    }
    if (url.pathname === `${PATH}/redrive` && request.method === 'POST') {
      if (!isSameOrigin(request)) return html('<p>Cross-site request refused.</p>', 403);
      const form = RedriveFormSchema.safeParse(Object.fromEntries(await request.formData()));
      const unknownQueue = form.success && 'queue' in form.data && form.data.queue !== undefined && !(form.data.queue in jobs().settings);
      if (!form.success || unknownQueue) return html('<p>Name a parked job (id), or all of them (all=1) with an optional known queue.</p>', 400);
      const report = await redriveParked(jobs(), 'id' in form.data ? { id: form.data.id } : { queue: form.data.queue });
      return new Response(null, { status: 303, headers: { Location: `${PATH}?redriven=${report.redriven}&alreadyQueued=${report.alreadyQueued}` } });
    }
    return html('<p>Not found.</p>', 404);
  };
}
