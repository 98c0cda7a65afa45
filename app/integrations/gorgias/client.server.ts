import { z } from 'zod';
import type { BudgetLedger } from '~/budgets/ports';
import { createGorgiasCaller, type CallerConfig } from './caller.server';
import { invalidRequest } from './errors.server';
import { createCallLimitGate } from './rate-limit.server';
import {
  CreateCustomerBodySchema, CreateMessageBodySchema, CreateTicketBodySchema, TagNamesBodySchema, UpdateTicketBodySchema,
  toCreateTicketBody, toNoteBody, toPublicReplyBody, toUpdateTicketBody,
} from './requests';
import { CustomerSchema, EmptySchema, listOf, MessageSchema, TicketSchema, UploadResponseSchema, type Page, type Ticket } from './schemas';
import type { GorgiasClient } from './types';

export type { GorgiasClient } from './types';

export type GorgiasClientConfig = CallerConfig & {
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait for the account bucket to drain before a call (default 20 s). */
  maxRateLimitWaitMs?: number;
  /** The bucket's window: 20 s for API keys, 10 s on Enterprise accounts. */
  rateLimitWindowMs?: number;
  /** Where the account's call budget is kept: the database, shared by every process (default: this process). */
  budgets?: BudgetLedger;
};

const DEFAULT_MAX_PAGES = 5;
const MAX_LIMIT = 100;

const CustomerListSchema = listOf(CustomerSchema);
const TicketListSchema = listOf(TicketSchema);
const MessageListSchema = listOf(MessageSchema);

/** Validates what we are about to send; a bad input is our bug, reported without its values. */
function checked<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

const clampLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? 30, 1), MAX_LIMIT);

/**
 * Our own small client of the Gorgias REST API (there is no official JS SDK) for a private app:
 * HTTP Basic with the API user's email and key. One instance per account per process; the
 * call-limit gate draws on the account's budget in `budgets`, which all processes share.
 */
export function createGorgiasClient(config: GorgiasClientConfig): GorgiasClient {
  const gate = createCallLimitGate({
    ledger: config.budgets,
    key: `gorgias:${new URL(config.baseUrl).host}`,
    now: config.clock, sleep: config.sleep, maxWaitMs: config.maxRateLimitWaitMs, windowMs: config.rateLimitWindowMs,
  });
  const call = createGorgiasCaller(config, gate);

  return {
    /** One call; null when no customer has exactly that email. @throws UpstreamError */
    async findCustomerByEmail(email) {
      const page = await call({ method: 'GET', path: '/api/customers', query: { email, limit: 2 } }, CustomerListSchema);
      // The filter should be exact, but be sure: another customer's record must never come back.
      return page.data.find((c) => c.email?.toLowerCase() === email.toLowerCase()) ?? null;
    },

    /** One call. @throws UpstreamError `CONFLICT` (email in use), `INVALID_REQUEST` */
    async createCustomer(input) {
      const json = checked(CreateCustomerBodySchema, input);
      return call({ method: 'POST', path: '/api/customers', json }, CustomerSchema);
    },

    /** One call; look up `externalId` first when retrying: Gorgias has no idempotency key. @throws UpstreamError */
    async createTicket(input) {
      const json = checked(CreateTicketBodySchema, toCreateTicketBody(input));
      return call({ method: 'POST', path: '/api/tickets', json }, TicketSchema);
    },

    /** One call, messages embedded. @throws UpstreamError `NOT_FOUND` */
    async getTicket(id) {
      return call({ method: 'GET', path: `/api/tickets/${id}` }, TicketSchema);
    },

    /** One call (PUT, partial). @throws UpstreamError */
    async updateTicket(id, patch) {
      const json = checked(UpdateTicketBodySchema, toUpdateTicketBody(patch));
      return call({ method: 'PUT', path: `/api/tickets/${id}`, json }, TicketSchema);
    },

    /** Up to `maxPages` calls; only exact `external_id` matches are kept. @throws UpstreamError */
    async findTicketsByExternalId(externalId, options) {
      const found: Ticket[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < (options?.maxPages ?? DEFAULT_MAX_PAGES); page++) {
        const query = { external_id: externalId, limit: MAX_LIMIT, cursor };
        const result: Page<Ticket> = await call({ method: 'GET', path: '/api/tickets', query }, TicketListSchema);
        found.push(...result.data.filter((t) => t.externalId === externalId));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return found;
    },

    /** One call, newest first, `limit` clamped to 1–100. @throws UpstreamError */
    async listTicketsByCustomer(customerId, options) {
      const query = { customer_id: customerId, limit: clampLimit(options?.limit), cursor: options?.cursor, order_by: 'created_datetime:desc' };
      return call({ method: 'GET', path: '/api/tickets', query }, TicketListSchema);
    },

    /** One call; the sender is the API key's user. @throws UpstreamError */
    async addInternalNote(ticketId, input) {
      const json = checked(CreateMessageBodySchema, toNoteBody(input, config.email));
      return call({ method: 'POST', path: `/api/tickets/${ticketId}/messages`, json }, MessageSchema);
    },

    /** One call; Gorgias sends the email asynchronously. @throws UpstreamError */
    async addPublicReply(ticketId, input) {
      const json = checked(CreateMessageBodySchema, toPublicReplyBody(input, config.email));
      return call({ method: 'POST', path: `/api/tickets/${ticketId}/messages`, json }, MessageSchema);
    },

    /** One call on `/api/messages`, `limit` clamped to 1–100. @throws UpstreamError */
    async listMessages(ticketId, options) {
      const query = { ticket_id: ticketId, limit: clampLimit(options?.limit), cursor: options?.cursor };
      return call({ method: 'GET', path: '/api/messages', query }, MessageListSchema);
    },

    /** One call; Gorgias answers 201 with no body. @throws UpstreamError */
    async addTags(ticketId, names) {
      const json = checked(TagNamesBodySchema, { names });
      await call({ method: 'POST', path: `/api/tickets/${ticketId}/tags`, json }, EmptySchema);
    },

    /** One call; Gorgias answers 204 with no body. @throws UpstreamError */
    async removeTags(ticketId, names) {
      const json = checked(TagNamesBodySchema, { names });
      await call({ method: 'DELETE', path: `/api/tickets/${ticketId}/tags`, json }, EmptySchema);
    },

    /** One multipart call; 413 comes back as `PAYLOAD_TOO_LARGE`. @throws UpstreamError */
    async uploadAttachment({ name, contentType, bytes }) {
      const form = new FormData();
      // Copied so a view over a SharedArrayBuffer is a valid Blob part too.
      form.append(name, new Blob([new Uint8Array(bytes)], { type: contentType }), name);
      const uploaded = await call({ method: 'POST', path: '/api/upload', query: { type: 'attachment' }, form }, UploadResponseSchema);
      return uploaded[0]!;
    },
  };
}
