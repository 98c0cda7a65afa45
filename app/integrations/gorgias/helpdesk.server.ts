import type { Helpdesk, HelpdeskTicket } from '~/helpdesk/ports';
import { isUpstreamError } from '~/utils/upstream-error';
import type { GorgiasClient, Ticket } from './types';

/** Pages of messages read per ticket at most: 5,000 messages, far beyond any case's. */
const MAX_MESSAGE_PAGES = 50;

const toHelpdeskTicket = (ticket: Ticket): HelpdeskTicket => ({ id: ticket.id, customerEmail: ticket.customer?.email ?? null, tags: ticket.tags });

/**
 * The `Helpdesk` port on Gorgias: each method is the one REST call (or the few, paged) the
 * client makes, with the case's words mapped to Gorgias's — the case id is the ticket's
 * `external_id`, notes are `internal-note` messages, a reply is an agent email from an email
 * integration, fields are ticket custom fields. Errors are the client's `UpstreamError`s.
 */
export function createGorgiasHelpdesk(gorgias: GorgiasClient): Helpdesk {
  return {
    /** One call; a deleted (404) or merged (MOVED) ticket is null. */
    async getTicket(id) {
      try {
        return toHelpdeskTicket(await gorgias.getTicket(id));
      } catch (error) {
        if (isUpstreamError(error) && (error.code === 'NOT_FOUND' || error.code === 'MOVED')) return null;
        throw error;
      }
    },

    /** `GET /api/tickets?external_id=`, a few pages at most. */
    async findCaseTickets(caseId) {
      return (await gorgias.findTicketsByExternalId(caseId)).map(toHelpdeskTicket);
    },

    async findCustomerId(email) {
      return (await gorgias.findCustomerByEmail(email))?.id ?? null;
    },

    /** One call, on channel `api`: the opening message is the customer's, so no auto-reply fires. */
    async openTicket(input) {
      const ticket = await gorgias.createTicket({
        externalId: input.caseId,
        subject: input.subject,
        customer: input.customer,
        messages: [input.opening],
        tags: input.tags,
        language: input.language,
        ...(input.fields ? { customFields: input.fields } : {}),
      });
      return toHelpdeskTicket(ticket);
    },

    /** `GET /api/messages?ticket_id=`, 100 a page, following the cursor. */
    async listMessageIds(ticketId) {
      const ids = new Set<string>();
      let cursor: string | null = null;
      for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
        const result = await gorgias.listMessages(ticketId, { cursor, limit: 100 });
        for (const message of result.data) if (message.externalId) ids.add(message.externalId);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return ids;
    },

    async addNote(ticketId, note) {
      await gorgias.addInternalNote(ticketId, note);
    },

    async reply(ticketId, { from, ...reply }) {
      await gorgias.addPublicReply(ticketId, { ...reply, emailIntegration: from });
    },

    addTags: (ticketId, tags) => gorgias.addTags(ticketId, tags),
    removeTags: (ticketId, tags) => gorgias.removeTags(ticketId, tags),

    /** One `PUT` with only what is given; an agent's later change is theirs to keep. */
    async route(ticketId, { teamId, priority }) {
      await gorgias.updateTicket(ticketId, { ...(teamId !== undefined ? { assigneeTeamId: teamId } : {}), ...(priority !== undefined ? { priority } : {}) });
    },

    attachFile: (file) => gorgias.uploadAttachment(file),

    /** Two calls: the customer by email, then their tickets, newest first. */
    async listCustomerTickets(email, options) {
      const customer = await gorgias.findCustomerByEmail(email);
      if (!customer) return [];
      return (await gorgias.listTicketsByCustomer(customer.id, { limit: options?.limit })).data.map(toHelpdeskTicket);
    },
  };
}
