/*
 * What the case sync needs from a helpdesk, in Comptoir's own terms: a ticket per case, notes
 * that carry an external id (so a retry can tell what is already there), one reply, tags, a
 * routing choice and files. Gorgias is the adapter today (app/integrations/gorgias/helpdesk.server.ts);
 * nothing here knows its paths or field names.
 *
 * Every method throws `UpstreamError` when the helpdesk cannot be reached or turns a call down:
 * `retryable` says whether trying again later can help, `status` carries the HTTP status of a
 * refusal (400, 403, 422: our request will not do better next time).
 */

export const HELPDESK_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type HelpdeskPriority = (typeof HELPDESK_PRIORITIES)[number];

/** A ticket as the sync sees it. */
export type HelpdeskTicket = {
  id: number;
  /** The email of the customer the ticket is about, as the helpdesk keeps it; null when it has none. */
  customerEmail: string | null;
  /** Tag names, case-sensitive. */
  tags: string[];
};

/** A file the helpdesk holds, ready to go on a note. `size` may be unknown. */
export type HelpdeskFile = { url: string; name: string; contentType: string; size: number | null };

/** Who a new ticket is about: a customer the helpdesk knows, or an email it files one under. */
export type HelpdeskCustomer = { id: number } | { email: string; name?: string };

export type OpenTicketInput = {
  /** The case id: `findCaseTickets` finds the ticket by it after a crash between open and record. */
  caseId: string;
  subject: string;
  customer: HelpdeskCustomer;
  /** The shopper's request, as the ticket's first message (from the customer). */
  opening: { externalId: string; bodyText: string };
  tags: string[];
  language: string;
  /** Values for ticket fields the store defined (the case reference, for views and reports). */
  fields?: { id: number; value: string }[];
};

/** An agent-only note; `externalId` is how a later sync knows it is there. */
export type HelpdeskNote = { externalId: string; bodyText: string; attachments?: HelpdeskFile[] };

/** An email to the shopper, sent by the helpdesk from one of the store's own addresses. */
export type HelpdeskReply = {
  externalId: string;
  subject: string;
  bodyText: string;
  to: { email: string; name?: string };
  /** The helpdesk's sending channel and its address (Gorgias: an email integration). */
  from: { id: number; address: string };
};

/** Who handles the ticket and how urgently; a field left out stays as it is. */
export type HelpdeskRouting = { teamId?: number; priority?: HelpdeskPriority };

export type Helpdesk = {
  /** The ticket, or null when the helpdesk deleted it or merged it into another. */
  getTicket(id: number): Promise<HelpdeskTicket | null>;
  /** Tickets opened for this case (`OpenTicketInput.caseId`), in no particular order. */
  findCaseTickets(caseId: string): Promise<HelpdeskTicket[]>;
  /** The helpdesk's customer with exactly this email (any letter case), or null. */
  findCustomerId(email: string): Promise<number | null>;
  /** Opens a ticket; the helpdesk has no idempotency key, so look the case up first when retrying. */
  openTicket(input: OpenTicketInput): Promise<HelpdeskTicket>;
  /** External ids of every message on the ticket (notes, replies, the opening), every page. */
  listMessageIds(ticketId: number): Promise<Set<string>>;
  addNote(ticketId: number, note: HelpdeskNote): Promise<void>;
  /** The helpdesk sends the email itself, possibly a little later. */
  reply(ticketId: number, reply: HelpdeskReply): Promise<void>;
  /** Adds these tags; the ticket's others stay. */
  addTags(ticketId: number, tags: string[]): Promise<void>;
  /** Takes these tags off; the ticket's others stay. */
  removeTags(ticketId: number, tags: string[]): Promise<void>;
  route(ticketId: number, routing: HelpdeskRouting): Promise<void>;
  /** Uploads a file for a later note; a file the helpdesk refuses for good throws a non-retryable error. */
  attachFile(file: { name: string; contentType: string; bytes: Uint8Array }): Promise<HelpdeskFile>;
  /** The latest tickets of the customer with this email, newest first; none when the helpdesk knows no such customer. */
  listCustomerTickets(email: string, options?: { limit?: number }): Promise<HelpdeskTicket[]>;
};
