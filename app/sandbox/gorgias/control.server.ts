import { AGENT_CSS, renderTicket, renderTicketList } from './agent-view.server';
import { FaultsSchema, type FaultSwitch } from './faults.server';
import { parseJsonBody } from './parse-body.server';
import { HttpFailure, json, notFound } from './responses.server';
import { toCustomerJson, toTagJson, toTicketJson } from './serialize.server';
import type { Store } from './store.server';

const TICKET_PAGE = /^\/__sandbox\/gorgias\/tickets\/(\d+)$/;
const FILE = /^\/__sandbox\/gorgias\/files\/([a-z0-9]+)$/;

/** Everything the emulator holds, for tests asserting side effects ("exactly one ticket per case"). */
function state(store: Store) {
  return {
    customers: [...store.customers.values()].map(toCustomerJson),
    tickets: [...store.tickets.values()].map((t) => toTicketJson(store, t)),
    tags: [...store.tags.values()].map(toTagJson),
    files: [...store.files.values()].map(({ bytes, ...file }) => ({ ...file, size: bytes.byteLength })),
  };
}

/**
 * Sandbox-only endpoints under `/__sandbox/gorgias/`, never rate-limited, faulted or authenticated:
 * - `POST faults {errorRate, latencyMs, storm429, downForSeconds}`, `POST reset`, `GET state`;
 * - `GET tickets`, `GET tickets/{id}`, `GET agent.css`: the agent's view, for people;
 * - `GET files/<id>`: uploaded files, where upload URLs point.
 */
export async function handleControl(
  request: Request, path: string, deps: { store: () => Store; faults: FaultSwitch; reset: () => void; serveFile: (id: string) => Response | null },
): Promise<Response> {
  const get = request.method === 'GET';
  try {
    if (path === '/__sandbox/gorgias/faults' && request.method === 'POST') {
      return json({ ok: true, ...deps.faults.set(await parseJsonBody(request, FaultsSchema, 'Invalid faults')) });
    }
    if (path === '/__sandbox/gorgias/reset' && request.method === 'POST') {
      deps.reset();
      return json({ ok: true });
    }
    if (path === '/__sandbox/gorgias/state' && get) return json(state(deps.store()));
    if (path === '/__sandbox/gorgias/tickets' && get) return renderTicketList(deps.store());
    if (path === '/__sandbox/gorgias/agent.css' && get) {
      return new Response(AGENT_CSS, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
    }
    const ticket = TICKET_PAGE.exec(path);
    if (ticket?.[1] && get) return renderTicket(deps.store(), Number(ticket[1])) ?? notFound();
    const file = FILE.exec(path);
    if (file?.[1] && get) return deps.serveFile(file[1]) ?? notFound();
    return notFound();
  } catch (error) {
    if (error instanceof HttpFailure) return error.response;
    throw error;
  }
}
