import { z } from 'zod';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase } from '~/db/client.server';
import { parseNoteEventIds } from '~/helpdesk/note-batches';
import { isNotedEvent } from '~/helpdesk/ticket-fields';
import type { Check, SentCase } from './shared-state';

/*
 * Once the queues are empty, what the vendors hold against what the database says happened, per
 * case sent: one Shopify return (its lines carry `[case id]`), one Gorgias ticket (external_id =
 * case id) whose notes tell each of the case's noted events exactly once, and one Loop return
 * where the case asked for a label, none elsewhere. A worker killed mid-job must not have added
 * a second of anything.
 */
const ShopifyReturnsSchema = z.object({
  returns: z.array(z.object({ id: z.string(), orderName: z.string(), lines: z.array(z.object({ customerNote: z.string().nullable(), returnReasonNote: z.string().nullable() })) })),
});
const GorgiasStateSchema = z.object({
  tickets: z.array(z.object({ external_id: z.string().nullable(), messages: z.array(z.object({ channel: z.string(), external_id: z.string().nullable() })) })),
});
const LoopStateSchema = z.object({ returns: z.array(z.object({ id: z.string(), order_name: z.string() })) });

const read = async <T>(url: string, schema: z.ZodType<T>) => schema.parse(await (await fetch(url, { headers: { Accept: 'application/json' } })).json());

/** Broken cases, named with what is wrong (the first few), as one check per invariant. */
function toCheck(name: string, total: number, broken: string[]): Check {
  return { name, ok: broken.length === 0, detail: broken.length === 0 ? `${total} of ${total} cases` : `${broken.length} of ${total} cases: ${broken.slice(0, 5).join('; ')}` };
}

export async function checkInvariants(urls: { shopify: string; gorgias: string; loop: string; database: string }, sent: SentCase[], parked: number): Promise<Check[]> {
  const [shopify, gorgias, loop] = await Promise.all([
    read(`${urls.shopify}/__sandbox/shopify/returns`, ShopifyReturnsSchema),
    read(`${urls.gorgias}/__sandbox/gorgias/state`, GorgiasStateSchema),
    read(`${urls.loop}/__sandbox/loop/state`, LoopStateSchema),
  ]);
  const handle = await createDatabase({ url: urls.database });
  // Reads only: nothing is sent through this store.
  const store = createDbCaseStore(handle.db, { send: async () => null });
  const broken = { returns: [] as string[], tickets: [] as string[], notes: [] as string[], labels: [] as string[], missing: [] as string[] };
  try {
    for (const { caseId, order } of sent) {
      const found = await store.getCase(caseId);
      if (!found) {
        broken.missing.push(caseId);
        continue;
      }
      const events = await store.listEvents(caseId);
      const returns = shopify.returns.filter((ret) => ret.lines.some((line) => `${line.customerNote ?? ''} ${line.returnReasonNote ?? ''}`.includes(`[${caseId}]`)));
      const recorded = found.providerRefs.shopifyReturnId;
      if (returns.length !== 1 || (recorded !== undefined && recorded !== returns[0]!.id)) {
        broken.returns.push(`${caseId}: ${returns.length} Shopify returns${recorded ? `, the case names ${recorded}` : ''}`);
      }

      const tickets = gorgias.tickets.filter((ticket) => ticket.external_id === caseId);
      if (tickets.length !== 1) broken.tickets.push(`${caseId}: ${tickets.length} tickets`);
      const told = tickets.flatMap((ticket) => ticket.messages.filter((m) => m.channel === 'internal-note').flatMap((m) => parseNoteEventIds(caseId, m.external_id) ?? []));
      const noted = events.filter(isNotedEvent).map((event) => event.id);
      const twice = told.filter((id, i) => told.indexOf(id) !== i);
      const untold = noted.filter((id) => !told.includes(id));
      if (twice.length > 0 || untold.length > 0) broken.notes.push(`${caseId}: events told twice [${twice.join(', ')}], never told [${untold.join(', ')}]`);

      const labelled = events.some((event) => event.type === 'label_requested');
      const labels = loop.returns.filter((ret) => ret.order_name === order);
      const linked = found.providerRefs.loopReturnId;
      if (labels.length !== (labelled ? 1 : 0) || (linked !== undefined && linked !== labels[0]?.id)) {
        broken.labels.push(`${caseId}: ${labels.length} Loop returns for ${order}${labelled ? ' (a label was asked for)' : ''}${linked ? `, linked to ${linked}` : ''}`);
      }
    }
  } finally {
    await handle.close();
  }
  const asked = sent.length;
  return [
    toCheck('every case sent is in the database', asked, broken.missing),
    toCheck('exactly one Shopify return per case', asked, broken.returns),
    toCheck('exactly one Gorgias ticket per case', asked, broken.tickets),
    toCheck('each noted case event is told in exactly one ticket note', asked, broken.notes),
    toCheck('one Loop label per case that asked for one, none for the others', asked, broken.labels),
    { name: 'no job parked', ok: parked === 0, detail: `${parked} parked` },
  ];
}
