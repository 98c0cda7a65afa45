import { z } from 'zod';

// The values the fact sheet lists; anything else is a 400, so a typo in the client fails in the sandbox.
const CHANNELS = ['api', 'email', 'chat', 'contact_form', 'help-center', 'internal-note', 'phone', 'sms', 'facebook', 'instagram', 'whatsapp'] as const;
const VIAS = [...CHANNELS, 'helpdesk', 'rule', 'self_service', 'shopify', 'form', 'gorgias_chat'] as const;

export const ChannelSchema = z.enum(CHANNELS);
export const ViaSchema = z.enum(VIAS);
const JsonObjectSchema = z.record(z.string(), z.unknown());

/** A user or customer named by id or email. */
export const PartySchema = z
  .object({ id: z.number().int().positive().optional(), email: z.email().optional(), name: z.string().optional() })
  .refine((p) => p.id !== undefined || p.email !== undefined, 'Either id or email is required.');

const AttachmentSchema = z.object({
  // http(s) only: the agent view links these, and a javascript: URL there would be a trap.
  url: z.url({ protocol: /^https?$/ }),
  name: z.string().min(1),
  content_type: z.string().min(1),
  // Gorgias shows size as a string in examples but types it as an integer: take both.
  size: z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

/** A message as `POST /api/tickets/{id}/messages` and `POST /api/tickets` `messages[]` take it, with the direction rules. */
export const MessageInputSchema = z
  .object({
    channel: ChannelSchema,
    via: ViaSchema,
    from_agent: z.boolean(),
    public: z.boolean().optional(),
    sender: PartySchema.optional(),
    receiver: PartySchema.optional(),
    subject: z.string().max(998).optional(),
    body_text: z.string().optional(),
    body_html: z.string().optional(),
    attachments: z.array(AttachmentSchema).max(50).default([]),
    external_id: z.string().max(255).optional(),
    sent_datetime: z.string().nullable().optional(),
    source: JsonObjectSchema.optional(),
    meta: JsonObjectSchema.optional(),
    integration_id: z.number().int().optional(),
  })
  .superRefine((m, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (m.channel === 'internal-note' && !m.from_agent) fail('from_agent', 'Internal notes are always outgoing (from_agent: true).');
    if (m.channel === 'internal-note' && m.public === true) fail('public', 'Internal notes cannot be public.');
    if (!m.from_agent && !m.sender) fail('sender', 'Missing data for required field.');
    if (!m.from_agent && m.receiver) fail('receiver', 'Incoming messages have no receiver.');
    if (m.from_agent && m.channel !== 'internal-note' && !m.receiver) fail('receiver', 'Missing data for required field.');
    if (m.body_text === undefined && m.body_html === undefined) fail('body_text', 'Either body_text or body_html is required.');
  });

export type MessageInput = z.infer<typeof MessageInputSchema>;

/** Customer fields for `POST /api/customers`, `PUT /api/customers/{id}` and nested ticket customers. */
export const CustomerFieldsSchema = z.object({
  email: z.email().nullable().optional(),
  name: z.string().max(255).nullable().optional(),
  firstname: z.string().max(255).nullable().optional(),
  lastname: z.string().max(255).nullable().optional(),
  external_id: z.string().max(255).nullable().optional(),
  language: z.string().max(10).nullable().optional(),
  timezone: z.string().max(64).nullable().optional(),
  note: z.string().nullable().optional(),
  channels: z.array(z.object({ type: z.string().min(1), address: z.string().min(1), preferred: z.boolean().optional() })).optional(),
  meta: JsonObjectSchema.optional(),
  data: JsonObjectSchema.nullable().optional(),
});

export type CustomerFields = z.infer<typeof CustomerFieldsSchema>;

const AssigneeSchema = z.object({ id: z.number().int().positive().nullable() }).nullable();
const TagRefSchema = z.union([z.object({ name: z.string().min(1) }), z.object({ id: z.number().int().positive() })]);

const TicketFieldsSchema = z.object({
  external_id: z.string().max(255).nullable(),
  status: z.enum(['open', 'closed']),
  priority: z.enum(['low', 'normal', 'high', 'critical']),
  subject: z.string().max(998).nullable(),
  language: z.string().max(10).nullable(),
  spam: z.boolean(),
  is_unread: z.boolean(),
  assignee_user: AssigneeSchema,
  assignee_team: AssigneeSchema,
  tags: z.array(TagRefSchema),
  custom_fields: z.array(z.object({ id: z.number().int().positive(), value: z.unknown() })),
  meta: JsonObjectSchema,
});

/** The ticket's customer, by id or by email (created if missing; extra fields update it). */
const TicketCustomerSchema = CustomerFieldsSchema.extend({ id: z.number().int().positive().optional() });

/** `POST /api/tickets`: messages (1–500) and `via` are required. */
export const TicketCreateSchema = TicketFieldsSchema.partial().extend({
  channel: ChannelSchema.optional(),
  via: ViaSchema,
  from_agent: z.boolean().optional(),
  customer: TicketCustomerSchema.optional(),
  messages: z.array(MessageInputSchema).min(1, 'Length must be between 1 and 500.').max(500, 'Length must be between 1 and 500.'),
});

/**
 * `PUT /api/tickets/{id}`: partial; `tags` and `custom_fields` replace their lists; a `customer`
 * moves the ticket to that customer, as an agent's "change customer" does.
 */
export const TicketUpdateSchema = TicketFieldsSchema.partial().extend({
  customer: TicketCustomerSchema.refine((c) => c.id !== undefined || Boolean(c.email), 'Either id or email is required.').optional(),
});

export type TicketCreate = z.infer<typeof TicketCreateSchema>;
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;
