import { toGorgiasTime } from './responses.server';

export type User = { id: number; email: string; name: string };
export type Team = { id: number; name: string; created_datetime: string; updated_datetime: string };
/** An email integration: the helpdesk address Gorgias sends outgoing email from. */
export type EmailIntegration = { id: number; name: string; address: string; created_datetime: string; updated_datetime: string };
/** A ticket custom field the account defined (`GET /api/custom-fields?object_type=Ticket`). */
export type TicketField = { id: number; label: string; data_type: 'text' | 'number' | 'boolean'; created_datetime: string; updated_datetime: string };
export type Tag = { id: number; name: string; created_datetime: string; updated_datetime: string };

export type Customer = {
  id: number; email: string | null; name: string | null; firstname: string | null; lastname: string | null;
  external_id: string | null; language: string | null; timezone: string | null; note: string | null;
  channels: Array<{ type: string; address: string; preferred?: boolean }>;
  meta: Record<string, unknown>; data: Record<string, unknown> | null; data_version: string | null;
  integrations: Record<string, unknown>; created_datetime: string; updated_datetime: string;
};

export type Party = { id: number | null; email: string | null; name: string | null };
export type Attachment = { url: string; name: string; content_type: string; size: number | null };

export type Message = {
  id: number; ticket_id: number; external_id: string | null; public: boolean; channel: string; via: string;
  from_agent: boolean; sender: Party; receiver: Party | null; subject: string | null;
  body_text: string | null; body_html: string | null; attachments: Attachment[];
  source: Record<string, unknown> | null; meta: Record<string, unknown> | null; integration_id: number | null;
  created_datetime: string; sent_datetime: string | null; updated_datetime: string;
};

export type Ticket = {
  id: number; external_id: string | null; status: 'open' | 'closed'; priority: 'low' | 'normal' | 'high' | 'critical';
  channel: string; via: string; from_agent: boolean; spam: boolean; is_unread: boolean; language: string | null;
  subject: string | null; customer_id: number; assignee_user_id: number | null; assignee_team_id: number | null;
  tag_ids: number[]; custom_fields: Array<{ id: number; value: unknown }>; meta: Record<string, unknown>;
  messages: Message[]; created_datetime: string; updated_datetime: string; opened_datetime: string | null;
  closed_datetime: string | null; last_message_datetime: string | null; last_received_message_datetime: string | null;
};

export type StoredFile = { id: string; name: string; content_type: string; bytes: Uint8Array<ArrayBuffer>; created_datetime: string };

/** Data the emulator starts from (and goes back to on reset). */
export type GorgiasSeed = {
  teams: Array<{ name: string }>;
  emailIntegrations: Array<{ name: string; address: string }>;
  ticketFields?: Array<{ label: string; dataType: TicketField['data_type'] }>;
  customers: Array<{ email: string; name?: string }>;
  tags: string[];
};

/**
 * The helpdesk's memory: users (one per account), teams, email integrations, customers, tickets
 * with their messages, tags and uploaded files, with Gorgias-style integer ids and timestamps from the injected clock.
 */
export function createStore(seed: GorgiasSeed, accounts: Array<{ email: string }>, clock: () => Date) {
  const ids = { customer: 0, ticket: 0, message: 0, tag: 0, file: 0 };
  const now = () => toGorgiasTime(clock());
  const users: User[] = accounts.map((a, i) => ({ id: i + 1, email: a.email, name: a.email.split('@')[0] ?? a.email }));
  const seededAt = now();
  const teams: Team[] = seed.teams.map((t, i) => ({ id: i + 1, name: t.name, created_datetime: seededAt, updated_datetime: seededAt }));
  const emailIntegrations: EmailIntegration[] = seed.emailIntegrations.map((e, i) => ({ id: i + 1, ...e, created_datetime: seededAt, updated_datetime: seededAt }));
  const ticketFields: TicketField[] = (seed.ticketFields ?? []).map((f, i) => ({ id: i + 1, label: f.label, data_type: f.dataType, created_datetime: seededAt, updated_datetime: seededAt }));
  const customers = new Map<number, Customer>();
  const tickets = new Map<number, Ticket>();
  const tags = new Map<number, Tag>();
  const files = new Map<string, StoredFile>();

  const store = {
    users, teams, emailIntegrations, ticketFields, customers, tickets, tags, files, now,
    nextId: (kind: keyof typeof ids) => (ids[kind] += 1),
    /** Emails are unique case-insensitively, as Gorgias' 409 implies. */
    findCustomerByEmail(email: string): Customer | undefined {
      const wanted = email.toLowerCase();
      return [...customers.values()].find((c) => c.email?.toLowerCase() === wanted);
    },
    addCustomer(fields: Partial<Omit<Customer, 'id'>>): Customer {
      const at = now();
      const customer: Customer = {
        id: store.nextId('customer'), email: null, name: null, firstname: null, lastname: null, external_id: null,
        language: null, timezone: null, note: null, channels: [], meta: {}, data: null, data_version: null,
        integrations: {}, created_datetime: at, updated_datetime: at, ...fields,
      };
      if (customer.email && !customer.channels.some((c) => c.type === 'email')) {
        customer.channels = [{ type: 'email', address: customer.email, preferred: true }, ...customer.channels];
      }
      customers.set(customer.id, customer);
      return customer;
    },
    /** Tag names are case-sensitive; an unknown name creates the tag, as Gorgias does. */
    ensureTag(name: string): Tag {
      const existing = [...tags.values()].find((t) => t.name === name);
      if (existing) return existing;
      const at = now();
      const tag = { id: store.nextId('tag'), name, created_datetime: at, updated_datetime: at };
      tags.set(tag.id, tag);
      return tag;
    },
  };
  for (const c of seed.customers) store.addCustomer({ email: c.email, name: c.name ?? null });
  for (const name of seed.tags) store.ensureTag(name);
  return store;
}

export type Store = ReturnType<typeof createStore>;
