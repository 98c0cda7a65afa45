import type { Attachment, Customer, Message, Page, Priority, Ticket } from './schemas';

export type { Attachment, Customer, Message, Page, Priority, Ticket };

/** Who a new ticket is about: an existing Gorgias customer, or an email Gorgias creates if missing. */
export type CustomerRef = { email: string; name?: string } | { id: number };

/**
 * A value for a ticket custom field the store defined in Gorgias (`GET /api/custom-fields`).
 * On a ticket update the list replaces the ticket's values, as Gorgias does.
 */
export type CustomFieldValue = { id: number; value: string | number | boolean };

/** A file already uploaded with `uploadAttachment`; `size` may be unknown. */
export type AttachmentRef = { url: string; name: string; contentType: string; size?: number | null };

/** A message the shopper wrote (incoming: `from_agent: false`, sender = the ticket's customer). */
export type CustomerMessageInput = {
  externalId?: string;
  subject?: string;
  bodyText: string;
  bodyHtml?: string;
  attachments?: AttachmentRef[];
};

export type CreateTicketInput = {
  /** Our request id (≤ 255): Gorgias has no idempotency key, so retries look this up first. */
  externalId: string;
  subject: string;
  customer: CustomerRef;
  messages: CustomerMessageInput[];
  tags?: string[];
  language?: string;
  priority?: Priority;
  assigneeTeamId?: number;
  customFields?: CustomFieldValue[];
  meta?: Record<string, unknown>;
};

/** Partial update; `tags` replaces the whole list, `assigneeTeamId: null` unassigns. */
export type UpdateTicketPatch = {
  status?: 'open' | 'closed';
  subject?: string;
  priority?: Priority;
  language?: string;
  assigneeTeamId?: number | null;
  tags?: string[];
  customFields?: CustomFieldValue[];
  meta?: Record<string, unknown>;
};

export type NoteInput = { externalId: string; bodyText: string; bodyHtml?: string; attachments?: AttachmentRef[] };

/**
 * An agent email to the customer. Gorgias only sends from addresses its email integrations own,
 * so the integration and its address are required; Gorgias sends it asynchronously.
 */
export type PublicReplyInput = NoteInput & {
  to: { email: string; name?: string };
  emailIntegration: { id: number; address: string };
  subject?: string;
};

export type PageOptions = { cursor?: string | null; limit?: number };

/**
 * Port of the Gorgias REST API as Comptoir uses it. Every method is one HTTP call unless its doc
 * says otherwise, parses the reply with zod, and throws `UpstreamError` (service `gorgias`) on any
 * failure: codes `CONFLICT`, `NOT_FOUND`, `RATE_LIMITED` (with `retryAfterSeconds`), `UNAUTHORIZED`,
 * `FORBIDDEN`, `BAD_REQUEST`, `PAYLOAD_TOO_LARGE`, `MOVED` (merged record), `HTTP_<status>`,
 * `NETWORK`, `TIMEOUT`, `UNEXPECTED_SHAPE`, `INVALID_REQUEST`. 429, 5xx, network and timeouts are
 * `retryable`; the client never retries by itself.
 */
export type GorgiasClient = {
  /** `GET /api/customers?email=`: the customer with that email, or null. */
  findCustomerByEmail(email: string): Promise<Customer | null>;
  /** `POST /api/customers`. @throws UpstreamError `CONFLICT` when the email is already in use. */
  createCustomer(input: { email: string; name: string; language?: string }): Promise<Customer>;
  /** `POST /api/tickets` on channel/via `api` (no auto-reply rules), messages from the customer. */
  createTicket(input: CreateTicketInput): Promise<Ticket>;
  /** `GET /api/tickets/{id}`, messages embedded. @throws UpstreamError `NOT_FOUND` */
  getTicket(id: number): Promise<Ticket>;
  /** `PUT /api/tickets/{id}` with only the given fields. */
  updateTicket(id: number, patch: UpdateTicketPatch): Promise<Ticket>;
  /**
   * `GET /api/tickets?external_id=`, following `meta.next_cursor` for at most `maxPages` calls
   * (default 5): the idempotency check before re-sending a create.
   */
  findTicketsByExternalId(externalId: string, options?: { maxPages?: number }): Promise<Ticket[]>;
  /** `GET /api/tickets?customer_id=`, newest first; list items carry no messages. */
  listTicketsByCustomer(customerId: number, options?: PageOptions): Promise<Page<Ticket>>;
  /** `POST /api/tickets/{id}/messages`: agent-only note (`internal-note`, `public: false`) from the key's user. */
  addInternalNote(ticketId: number, input: NoteInput): Promise<Message>;
  /** `POST /api/tickets/{id}/messages`: outgoing email (`from_agent: true`, receiver = customer). */
  addPublicReply(ticketId: number, input: PublicReplyInput): Promise<Message>;
  /** `GET /api/messages?ticket_id=` (the per-ticket list is deprecated). */
  listMessages(ticketId: number, options?: PageOptions): Promise<Page<Message>>;
  /** `POST /api/tickets/{id}/tags`: adds (never replaces) tags; names are case-sensitive. */
  addTags(ticketId: number, names: string[]): Promise<void>;
  /** `DELETE /api/tickets/{id}/tags`: removes these tags only; the others stay. */
  removeTags(ticketId: number, names: string[]): Promise<void>;
  /** `POST /api/upload?type=attachment` (multipart, one part): a private file to attach to messages. */
  uploadAttachment(file: { name: string; contentType: string; bytes: Uint8Array }): Promise<Attachment>;
};
