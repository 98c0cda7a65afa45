import type { ApiContext } from './context.server';
import { getCustomer, listCustomers, postCustomer, putCustomer, putCustomerData } from './customers.server';
import { getTeam, listCustomFields, listIntegrations, listTeams } from './directory.server';
import { listMessages, listTicketMessages, postMessage } from './messages.server';
import { methodNotAllowed, notFound } from './responses.server';
import { listTags, ticketTags } from './tags.server';
import { getTicket, listTickets, postTicket, putTicket } from './tickets.server';

type Handler = (ctx: ApiContext) => Response | Promise<Response>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The REST operations the emulator implements; anything else is a 404 or 405, never a guess. */
export function createRoutes(upload: Handler): Array<[RegExp, Partial<Record<Method, Handler>>]> {
  return [
    [/^\/api\/customers$/, { GET: listCustomers, POST: postCustomer }],
    [/^\/api\/customers\/([^/]+)$/, { GET: getCustomer, PUT: putCustomer }],
    [/^\/api\/customers\/([^/]+)\/data$/, { PUT: putCustomerData }],
    [/^\/api\/tickets$/, { GET: listTickets, POST: postTicket }],
    [/^\/api\/tickets\/([^/]+)$/, { GET: getTicket, PUT: putTicket }],
    [/^\/api\/tickets\/([^/]+)\/messages$/, { GET: listTicketMessages, POST: postMessage }],
    [/^\/api\/tickets\/([^/]+)\/tags$/, { GET: ticketTags, POST: ticketTags, PUT: ticketTags, DELETE: ticketTags }],
    [/^\/api\/messages$/, { GET: listMessages }],
    [/^\/api\/tags$/, { GET: listTags }],
    [/^\/api\/teams$/, { GET: listTeams }],
    [/^\/api\/teams\/([^/]+)$/, { GET: getTeam }],
    [/^\/api\/integrations$/, { GET: listIntegrations }],
    [/^\/api\/custom-fields$/, { GET: listCustomFields }],
    [/^\/api\/upload$/, { POST: upload }],
  ];
}

/** Finds the handler for a path and method; `params` are the path's captured ids. */
export function dispatch(
  routes: ReturnType<typeof createRoutes>, method: string, path: string,
): { handler: Handler; params: string[] } | { failure: () => Response } {
  for (const [pattern, methods] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handler = methods[method as Method];
    return handler ? { handler, params: match.slice(1) } : { failure: methodNotAllowed };
  }
  return { failure: notFound };
}
