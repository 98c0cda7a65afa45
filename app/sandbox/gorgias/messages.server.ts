import { z } from 'zod';
import { parseListQuery, pathId, requireFound, type ApiContext } from './context.server';
import { paginate } from './pagination.server';
import { parseJsonBody } from './parse-body.server';
import { HttpFailure, invalid, json } from './responses.server';
import { MessageInputSchema, type MessageInput } from './schemas.server';
import { toMessageJson } from './serialize.server';
import type { Customer, Message, Party, Store, Ticket, User } from './store.server';

const toParty = (who: User | Customer): Party => ({ id: who.id, email: who.email, name: who.name });

const matches = (party: { id?: number; email?: string }, who: { id: number; email: string | null }) =>
  party.id !== undefined ? party.id === who.id : party.email?.toLowerCase() === who.email?.toLowerCase();

/**
 * Resolves who wrote and who receives a message, per Gorgias' direction rules: incoming messages
 * come from the ticket's customer; outgoing ones (notes included) from a user, by default the
 * API key's own user; outgoing messages other than notes go to the ticket's customer, and an
 * email from an address of one of the account's email integrations.
 */
function resolveParties(store: Store, input: MessageInput, customer: Customer, keyUser: User) {
  if (!input.from_agent) {
    if (!input.sender || !matches(input.sender, customer)) {
      throw new HttpFailure(invalid('Failed to create message', { sender: ["Incoming messages must come from the ticket's customer."] }));
    }
    return { sender: toParty(customer), receiver: null };
  }
  const sender = input.sender ? store.users.find((u) => matches(input.sender!, u)) : keyUser;
  if (!sender) throw new HttpFailure(invalid('Failed to create message', { sender: ['Unknown user: outgoing messages are sent by a user.'] }));
  if (input.channel === 'internal-note') return { sender: toParty(sender), receiver: input.receiver && matches(input.receiver, customer) ? toParty(customer) : null };
  if (!input.receiver || !matches(input.receiver, customer)) {
    throw new HttpFailure(invalid('Failed to create message', { receiver: ["Outgoing messages go to the ticket's customer."] }));
  }
  if (input.channel === 'email') checkEmailSource(store, input);
  return { sender: toParty(sender), receiver: toParty(customer) };
}

const EmailSourceSchema = z.object({ from: z.object({ address: z.email() }) });

/** Gorgias only sends email from an address one of its email integrations owns. */
function checkEmailSource(store: Store, input: MessageInput): void {
  const fail = (field: string, message: string) => new HttpFailure(invalid('Failed to create message', { [field]: [message] }));
  const source = EmailSourceSchema.safeParse(input.source);
  if (!source.success) throw fail('source.from.address', 'Missing data for required field.');
  const wanted = source.data.from.address.toLowerCase();
  const integration = store.emailIntegrations.find((candidate) => candidate.address.toLowerCase() === wanted);
  if (!integration) throw fail('source.from.address', 'No email integration sends from this address.');
  if (input.integration_id !== undefined && input.integration_id !== integration.id) {
    throw fail('integration_id', 'This integration does not send from source.from.address.');
  }
}

/** Builds and appends a message; the ticket's message timestamps follow it. */
export function appendMessage(store: Store, ticket: Ticket, input: MessageInput, keyUser: User): Message {
  const customer = requireFound(store.customers.get(ticket.customer_id));
  const at = store.now();
  const note = input.channel === 'internal-note';
  const message: Message = {
    id: store.nextId('message'),
    ticket_id: ticket.id,
    external_id: input.external_id ?? null,
    public: note ? false : (input.public ?? true),
    channel: input.channel,
    via: input.via,
    from_agent: input.from_agent,
    ...resolveParties(store, input, customer, keyUser),
    subject: input.subject ?? ticket.subject,
    body_text: input.body_text ?? null,
    body_html: input.body_html ?? null,
    attachments: input.attachments.map((a) => ({ ...a, size: a.size ?? null })),
    source: input.source ?? null,
    meta: input.meta ?? null,
    integration_id: input.integration_id ?? null,
    created_datetime: at,
    // Gorgias sends an outgoing message with no sent_datetime asynchronously; the sandbox "sends" at once.
    sent_datetime: input.sent_datetime || at,
    updated_datetime: at,
  };
  ticket.messages.push(message);
  ticket.last_message_datetime = at;
  if (!message.from_agent) ticket.last_received_message_datetime = at;
  ticket.updated_datetime = at;
  return message;
}

export async function postMessage(ctx: ApiContext): Promise<Response> {
  const ticket = requireFound(ctx.store.tickets.get(pathId(ctx)));
  const input = await parseJsonBody(ctx.request, MessageInputSchema, 'Failed to create message');
  return json(toMessageJson(appendMessage(ctx.store, ticket, input, ctx.user)), 201);
}

/** `GET /api/tickets/{id}/messages` (deprecated upstream, still answered). */
export function listTicketMessages(ctx: ApiContext): Response {
  const ticket = requireFound(ctx.store.tickets.get(pathId(ctx)));
  const query = parseListQuery(ctx.url, {});
  return json(paginate(ticket.messages, query, `/api/tickets/${ticket.id}/messages`, toMessageJson));
}

/** `GET /api/messages?ticket_id=`: the current paginated list. */
export function listMessages(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, { ticket_id: z.coerce.number().int().positive().optional() });
  const messages = [...ctx.store.tickets.values()]
    .filter((t) => query.ticket_id === undefined || t.id === query.ticket_id)
    .flatMap((t) => t.messages);
  return json(paginate(messages, query, '/api/messages', toMessageJson));
}
