import { z } from 'zod';
import { PrioritySchema } from './schemas';
import type { AttachmentRef, CreateTicketInput, NoteInput, PublicReplyInput, UpdateTicketPatch } from './types';

/** What we send. Checked before sending so a malformed write fails here, not as a Gorgias 400. */
const ExternalIdSchema = z.string().min(1).max(255);
const WireContactSchema = z.union([z.object({ id: z.number().int() }), z.object({ email: z.email(), name: z.string().optional() })]);
const WireAttachmentSchema = z.object({ url: z.url(), name: z.string(), content_type: z.string(), size: z.number().optional() });

const WireMessageSchema = z.object({
  channel: z.enum(['api', 'email', 'internal-note']),
  via: z.literal('api'),
  from_agent: z.boolean(),
  public: z.boolean().optional(),
  sender: WireContactSchema,
  receiver: WireContactSchema.optional(),
  source: z
    .object({ type: z.literal('email'), from: z.object({ address: z.email() }), to: z.array(z.object({ address: z.email(), name: z.string().optional() })) })
    .optional(),
  integration_id: z.number().int().optional(),
  external_id: ExternalIdSchema.optional(),
  subject: z.string().optional(),
  body_text: z.string(),
  body_html: z.string().optional(),
  attachments: z.array(WireAttachmentSchema).optional(),
});

const CustomFieldValueSchema = z.object({ id: z.number().int().positive(), value: z.union([z.string(), z.number(), z.boolean()]) });

export const CreateTicketBodySchema = z.object({
  channel: z.literal('api'),
  via: z.literal('api'),
  from_agent: z.literal(false),
  external_id: ExternalIdSchema,
  subject: z.string().min(1),
  customer: WireContactSchema,
  messages: z.array(WireMessageSchema).min(1).max(500),
  tags: z.array(z.object({ name: z.string().min(1) })).optional(),
  language: z.string().optional(),
  priority: PrioritySchema.optional(),
  assignee_team: z.object({ id: z.number().int() }).optional(),
  custom_fields: z.array(CustomFieldValueSchema).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const UpdateTicketBodySchema = z.object({
  status: z.enum(['open', 'closed']).optional(),
  subject: z.string().min(1).optional(),
  priority: PrioritySchema.optional(),
  language: z.string().optional(),
  assignee_team: z.object({ id: z.number().int().nullable() }).optional(),
  tags: z.array(z.object({ name: z.string().min(1) })).optional(),
  custom_fields: z.array(CustomFieldValueSchema).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const CreateCustomerBodySchema = z.object({ email: z.email(), name: z.string().min(1), language: z.string().optional() });
/** `{names}` for adding (POST) and removing (DELETE) a ticket's tags. */
export const TagNamesBodySchema = z.object({ names: z.array(z.string().min(1)).min(1) });
export { WireMessageSchema as CreateMessageBodySchema };

const wireAttachments = (list: AttachmentRef[] | undefined) =>
  list?.length ? list.map((a) => ({ url: a.url, name: a.name, content_type: a.contentType, ...(a.size != null ? { size: a.size } : {}) })) : undefined;
const tagsOf = (names: string[] | undefined) => names?.map((name) => ({ name }));

export function toCreateTicketBody(input: CreateTicketInput) {
  const customer = 'id' in input.customer ? { id: input.customer.id } : { email: input.customer.email, name: input.customer.name };
  // Incoming: the shopper wrote it, so the sender is the ticket's customer and there is no receiver.
  const sender = 'id' in customer ? { id: customer.id } : { email: customer.email };
  return {
    channel: 'api', via: 'api', from_agent: false, external_id: input.externalId, subject: input.subject, customer,
    messages: input.messages.map((m) => ({
      channel: 'api', via: 'api', from_agent: false, sender, external_id: m.externalId, subject: m.subject ?? input.subject,
      body_text: m.bodyText, body_html: m.bodyHtml, attachments: wireAttachments(m.attachments),
    })),
    tags: tagsOf(input.tags), language: input.language, priority: input.priority,
    assignee_team: input.assigneeTeamId === undefined ? undefined : { id: input.assigneeTeamId }, meta: input.meta,
    custom_fields: input.customFields,
  };
}

export const toUpdateTicketBody = (patch: UpdateTicketPatch) => ({
  status: patch.status, subject: patch.subject, priority: patch.priority, language: patch.language, meta: patch.meta,
  tags: tagsOf(patch.tags), assignee_team: patch.assigneeTeamId === undefined ? undefined : { id: patch.assigneeTeamId },
  custom_fields: patch.customFields,
});

/** Internal notes are always outgoing; the sender is the API key's user. */
export const toNoteBody = (input: NoteInput, userEmail: string) => ({
  channel: 'internal-note', via: 'api', from_agent: true, public: false, sender: { email: userEmail },
  external_id: input.externalId, body_text: input.bodyText, body_html: input.bodyHtml, attachments: wireAttachments(input.attachments),
});

/** Outgoing email: sender = the key's user, receiver = the customer, sent from the integration's address. */
export const toPublicReplyBody = (input: PublicReplyInput, userEmail: string) => ({
  channel: 'email', via: 'api', from_agent: true, public: true, sender: { email: userEmail },
  receiver: { email: input.to.email, name: input.to.name },
  source: { type: 'email', from: { address: input.emailIntegration.address }, to: [{ address: input.to.email, name: input.to.name }] },
  integration_id: input.emailIntegration.id, external_id: input.externalId, subject: input.subject,
  body_text: input.bodyText, body_html: input.bodyHtml, attachments: wireAttachments(input.attachments),
});
