import { z } from 'zod';

/**
 * Gorgias writes UTC timestamps sometimes without an offset (`2019-07-05T14:42:00.384938`) and
 * sometimes with `+00:00`. JavaScript reads an offset-less date-time as *local* time, so we add `Z`.
 */
export const GorgiasDateSchema = z.string().transform((value, ctx) => {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'Not a Gorgias timestamp' });
    return z.NEVER;
  }
  return date;
});
const OptionalDateSchema = GorgiasDateSchema.nullish().transform((d) => d ?? null);

/** `{"error":{"msg","data"}}`; `data` maps field names (possibly nested) to messages. */
export const ErrorBodySchema = z.object({
  error: z.object({ msg: z.string().optional(), data: z.unknown().optional() }),
});

export const CallLimitSchema = z
  .string()
  .regex(/^\s*\d+\s*\/\s*\d+\s*$/)
  .transform((v) => {
    const [used, limit] = v.split('/').map((n) => Number(n.trim()));
    return { used: used!, limit: limit! };
  });

const ContactSchema = z
  .object({ id: z.number().nullish(), email: z.string().nullish(), name: z.string().nullish() })
  .transform((c) => ({ id: c.id ?? null, email: c.email ?? null, name: c.name ?? null }));

// Upload documents `size` as a string in examples but types it as an integer: accept both.
const WireAttachmentSchema = z.object({
  url: z.string(),
  name: z.string(),
  size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  content_type: z.string(),
});
export const AttachmentSchema = WireAttachmentSchema.transform((a) => ({
  url: a.url, name: a.name, size: a.size ?? null, contentType: a.content_type,
}));
export type Attachment = z.output<typeof AttachmentSchema>;
export const UploadResponseSchema = z.array(AttachmentSchema).min(1);

export const CustomerSchema = z
  .object({
    id: z.number(),
    email: z.string().nullish(),
    name: z.string().nullish(),
    language: z.string().nullish(),
    external_id: z.string().nullish(),
    created_datetime: OptionalDateSchema,
  })
  .transform((c) => ({
    id: c.id, email: c.email ?? null, name: c.name ?? null, language: c.language ?? null,
    externalId: c.external_id ?? null, createdAt: c.created_datetime,
  }));
export type Customer = z.output<typeof CustomerSchema>;

export const MessageSchema = z
  .object({
    id: z.number(),
    ticket_id: z.number().nullish(),
    external_id: z.string().nullish(),
    public: z.boolean().nullish(),
    channel: z.string(),
    via: z.string().nullish(),
    from_agent: z.boolean(),
    sender: ContactSchema.nullish(),
    receiver: ContactSchema.nullish(),
    subject: z.string().nullish(),
    body_text: z.string().nullish(),
    body_html: z.string().nullish(),
    attachments: z.array(AttachmentSchema).nullish(),
    created_datetime: OptionalDateSchema,
    sent_datetime: OptionalDateSchema,
  })
  .transform((m) => ({
    id: m.id, ticketId: m.ticket_id ?? null, externalId: m.external_id ?? null, public: m.public ?? !m.from_agent,
    channel: m.channel, via: m.via ?? null, fromAgent: m.from_agent, sender: m.sender ?? null, receiver: m.receiver ?? null,
    subject: m.subject ?? null, bodyText: m.body_text ?? null, bodyHtml: m.body_html ?? null,
    attachments: m.attachments ?? [], createdAt: m.created_datetime, sentAt: m.sent_datetime,
  }));
export type Message = z.output<typeof MessageSchema>;

export const PrioritySchema = z.enum(['low', 'normal', 'high', 'critical']);
export type Priority = z.infer<typeof PrioritySchema>;

export const TicketSchema = z
  .object({
    id: z.number(),
    external_id: z.string().nullish(),
    status: z.string(),
    // Tolerate values the sheet does not list rather than fail a whole ticket on one field.
    priority: z.string().nullish(),
    channel: z.string().nullish(),
    via: z.string().nullish(),
    subject: z.string().nullish(),
    language: z.string().nullish(),
    customer: ContactSchema.nullish(),
    assignee_team: z.object({ id: z.number().nullable() }).nullish(),
    tags: z.array(z.object({ name: z.string() })).nullish(),
    // Gorgias embeds the values only when asked (`?relationships=custom_fields`); absent = unknown.
    custom_fields: z.array(z.object({ id: z.number(), value: z.unknown() })).nullish(),
    messages: z.array(MessageSchema).nullish(),
    meta: z.record(z.string(), z.unknown()).nullish(),
    created_datetime: OptionalDateSchema,
    updated_datetime: OptionalDateSchema,
    closed_datetime: OptionalDateSchema,
  })
  .transform((t) => ({
    id: t.id, externalId: t.external_id ?? null, status: t.status, priority: t.priority ?? null,
    channel: t.channel ?? null, via: t.via ?? null, subject: t.subject ?? null, language: t.language ?? null,
    customer: t.customer ?? null, assigneeTeamId: t.assignee_team?.id ?? null,
    tags: (t.tags ?? []).map((tag) => tag.name), customFields: t.custom_fields ?? [], messages: t.messages ?? [], meta: t.meta ?? {},
    createdAt: t.created_datetime, updatedAt: t.updated_datetime, closedAt: t.closed_datetime,
  }));
export type Ticket = z.output<typeof TicketSchema>;

/** The cursor envelope every list shares: `{object, uri, data, meta: {prev_cursor, next_cursor}}`. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .object({
      data: z.array(item),
      meta: z.object({ next_cursor: z.string().nullish(), prev_cursor: z.string().nullish() }).nullish(),
    })
    .transform((l) => ({ data: l.data as z.output<T>[], nextCursor: l.meta?.next_cursor ?? null, prevCursor: l.meta?.prev_cursor ?? null }));
export type Page<T> = { data: T[]; nextCursor: string | null; prevCursor: string | null };

/** Tag writes answer 201/202/204 with an empty (or irrelevant) body. */
export const EmptySchema = z.unknown().transform(() => undefined);
