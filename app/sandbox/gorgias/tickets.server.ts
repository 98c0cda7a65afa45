import { z } from 'zod';
import { createCustomer, applyCustomerFields } from './customers.server';
import { parseListQuery, pathId, requireFound, type ApiContext } from './context.server';
import { appendMessage } from './messages.server';
import { paginate } from './pagination.server';
import { parseJsonBody } from './parse-body.server';
import { HttpFailure, invalid, json } from './responses.server';
import { TicketCreateSchema, TicketUpdateSchema, type TicketCreate, type TicketUpdate } from './schemas.server';
import { toTicketJson } from './serialize.server';
import type { Customer, Store, Ticket } from './store.server';

/** The nested customer: by id, or by email (created if missing; extra fields update it), else the first sender. */
function resolveCustomer(ctx: ApiContext, given: TicketCreate['customer'], fallbackEmail: string | undefined, failure: string): Customer {
  if (given?.id !== undefined) {
    const customer = ctx.store.customers.get(given.id);
    if (!customer) throw new HttpFailure(invalid(failure, { 'customer.id': ['Customer not found.'] }));
    return customer;
  }
  const email = given?.email ?? fallbackEmail;
  if (!email) throw new HttpFailure(invalid(failure, { customer: ['Missing data for required field.'] }));
  const existing = ctx.store.findCustomerByEmail(email);
  const { id: _id, ...fields } = given ?? { email };
  if (!existing) return createCustomer(ctx, { ...fields, email });
  if (Object.keys(fields).length > 1) applyCustomerFields(ctx.store, existing, { ...fields, email: existing.email });
  return existing;
}

/** Assignees, tags and plain fields shared by create and update; unknown user/team/tag ids are a 400. */
/** Each value must name a ticket field the account defined and fit its type. */
function checkCustomFields(store: Store, values: Array<{ id: number; value: unknown }>, failure: string): void {
  for (const [index, { id, value }] of values.entries()) {
    const field = store.ticketFields.find((candidate) => candidate.id === id);
    if (!field) throw new HttpFailure(invalid(failure, { [`custom_fields.${index}.id`]: [`Custom field ${id} not found.`] }));
    const expected = field.data_type === 'text' ? 'string' : field.data_type;
    if (typeof value !== expected) throw new HttpFailure(invalid(failure, { [`custom_fields.${index}.value`]: [`Not a valid ${field.data_type}.`] }));
  }
}

function applyTicketFields(store: Store, ticket: Ticket, fields: TicketUpdate, failure: string): void {
  const { assignee_user: user, assignee_team: team, tags, ...plain } = fields;
  if (plain.custom_fields) checkCustomFields(store, plain.custom_fields, failure);
  for (const [key, value] of Object.entries(plain)) if (value !== undefined) Object.assign(ticket, { [key]: value });
  if (user !== undefined) {
    if (user?.id && !store.users.some((u) => u.id === user.id)) throw new HttpFailure(invalid(failure, { 'assignee_user.id': ['User not found.'] }));
    ticket.assignee_user_id = user?.id ?? null;
  }
  if (team !== undefined) {
    if (team?.id && !store.teams.some((t) => t.id === team.id)) throw new HttpFailure(invalid(failure, { 'assignee_team.id': ['Team not found.'] }));
    ticket.assignee_team_id = team?.id ?? null;
  }
  if (tags) {
    ticket.tag_ids = [...new Set(tags.map((ref) => {
      if ('name' in ref) return store.ensureTag(ref.name).id;
      if (!store.tags.has(ref.id)) throw new HttpFailure(invalid(failure, { tags: [`Tag ${ref.id} not found.`] }));
      return ref.id;
    }))];
  }
  if (fields.status) ticket.closed_datetime = fields.status === 'closed' ? (ticket.closed_datetime ?? store.now()) : null;
  ticket.updated_datetime = store.now();
}

export async function postTicket(ctx: ApiContext): Promise<Response> {
  const body = await parseJsonBody(ctx.request, TicketCreateSchema, 'Failed to create ticket');
  const first = body.messages[0]!;
  const customer = resolveCustomer(ctx, body.customer, first.from_agent ? undefined : first.sender?.email, 'Failed to create ticket');
  const at = ctx.store.now();
  const ticket: Ticket = {
    id: ctx.store.nextId('ticket'), external_id: null, status: 'open', priority: 'normal',
    channel: body.channel ?? first.channel, via: body.via, from_agent: body.from_agent ?? first.from_agent,
    spam: false, is_unread: true, language: null, subject: first.subject ?? null, customer_id: customer.id,
    assignee_user_id: null, assignee_team_id: null, tag_ids: [], custom_fields: [], meta: {}, messages: [],
    created_datetime: at, updated_datetime: at, opened_datetime: null, closed_datetime: null,
    last_message_datetime: null, last_received_message_datetime: null,
  };
  const { customer: _c, messages, channel: _ch, via: _v, from_agent: _f, ...fields } = body;
  applyTicketFields(ctx.store, ticket, fields, 'Failed to create ticket');
  // A message refused by the direction rules takes the ticket back out, so a 400 leaves no ticket behind.
  ctx.store.tickets.set(ticket.id, ticket);
  try {
    for (const message of messages) appendMessage(ctx.store, ticket, message, ctx.user);
  } catch (error) {
    ctx.store.tickets.delete(ticket.id);
    throw error;
  }
  return json(toTicketJson(ctx.store, ticket), 201);
}

export function getTicket(ctx: ApiContext): Response {
  return json(toTicketJson(ctx.store, requireFound(ctx.store.tickets.get(pathId(ctx)))));
}

export async function putTicket(ctx: ApiContext): Promise<Response> {
  const ticket = requireFound(ctx.store.tickets.get(pathId(ctx)));
  const { customer, ...fields } = await parseJsonBody(ctx.request, TicketUpdateSchema, 'Failed to update ticket');
  if (customer) ticket.customer_id = resolveCustomer(ctx, customer, undefined, 'Failed to update ticket').id;
  applyTicketFields(ctx.store, ticket, fields, 'Failed to update ticket');
  return json(toTicketJson(ctx.store, ticket));
}

export function listTickets(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, {
    external_id: z.string().optional(),
    customer_id: z.coerce.number().int().positive().optional(),
    ticket_ids: z.array(z.coerce.number().int().positive()).max(100).optional(),
    trashed: z.enum(['true', 'false']).optional(),
  }, ['ticket_ids']);
  const tickets = [...ctx.store.tickets.values()].filter(
    (t) =>
      (query.external_id === undefined || t.external_id === query.external_id) &&
      (query.customer_id === undefined || t.customer_id === query.customer_id) &&
      (query.ticket_ids === undefined || query.ticket_ids.includes(t.id)),
  );
  return json(paginate(tickets, query, '/api/tickets', (t) => toTicketJson(ctx.store, t, false)));
}
