import type { Customer, Message, Store, Tag, Ticket } from './store.server';

/** The customer object as `GET /api/customers/{id}` returns it. */
export function toCustomerJson(customer: Customer) {
  const { data_version: _version, ...fields } = customer;
  return { ...fields, uri: `/api/customers/${customer.id}` };
}

/** The short customer embedded in tickets. */
function toCustomerRef(customer: Customer | undefined) {
  if (!customer) return null;
  const { id, email, name, firstname, lastname, external_id, data } = customer;
  return { id, email, name, firstname, lastname, external_id, data, uri: `/api/customers/${id}` };
}

export function toTagJson(tag: Tag) {
  return { ...tag, uri: `/api/tags/${tag.id}`, description: null, decoration: null };
}

export function toMessageJson(message: Message) {
  return {
    ...message,
    uri: `/api/tickets/${message.ticket_id}/messages/${message.id}`,
    message_id: null, rule_id: null, stripped_text: message.body_text, headers: null,
    mention_ids: [], last_sending_error: null, failed_datetime: null, opened_datetime: null,
  };
}

/** A ticket; list items leave `messages` out, as Gorgias' do. */
export function toTicketJson(store: Store, ticket: Ticket, withMessages = true) {
  const {
    customer_id: customerId, assignee_user_id: userId, assignee_team_id: teamId, tag_ids: tagIds, messages, ...fields
  } = ticket;
  const user = store.users.find((u) => u.id === userId);
  const team = store.teams.find((t) => t.id === teamId);
  return {
    ...fields,
    uri: `/api/tickets/${ticket.id}`,
    customer: toCustomerRef(store.customers.get(customerId)),
    assignee_user: user ? { ...user } : null,
    assignee_team: team ? { ...team } : null,
    tags: tagIds.flatMap((id) => {
      const tag = store.tags.get(id);
      return tag ? [toTagJson(tag)] : [];
    }),
    satisfaction_survey: null,
    reply_options: {},
    snooze_datetime: null,
    trashed_datetime: null,
    ...(withMessages ? { messages: messages.map(toMessageJson) } : {}),
  };
}
