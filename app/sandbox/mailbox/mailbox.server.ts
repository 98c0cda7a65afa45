import { randomUUID } from 'node:crypto';

/** A message as the mailbox kept it, parsed: who it is for, what it says, when it came. */
export type MailboxMessage = {
  id: string;
  from: string;
  /** The envelope's recipients: where the message was actually delivered. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: Date;
};

export type Mailbox = {
  add(message: Omit<MailboxMessage, 'id' | 'receivedAt'>): MailboxMessage;
  /** Newest first; only those delivered to `to` when it is given (case-insensitive). */
  list(filter?: { to?: string }): MailboxMessage[];
  get(id: string): MailboxMessage | null;
  clear(): void;
};

/** The sandbox keeps the last messages only: a long demo must not grow the process without end. */
export const MAILBOX_CAPACITY = 200;

/** The sandbox's inbox for every address, in memory: the last `capacity` messages. */
export function createMailbox(options: { capacity?: number; clock?: () => Date } = {}): Mailbox {
  const capacity = options.capacity ?? MAILBOX_CAPACITY;
  const clock = options.clock ?? (() => new Date());
  let messages: MailboxMessage[] = [];
  return {
    add(message) {
      const kept = { ...message, id: randomUUID(), receivedAt: clock() };
      messages = [kept, ...messages].slice(0, capacity);
      return kept;
    },
    list(filter = {}) {
      const to = filter.to?.toLowerCase();
      return to ? messages.filter((message) => message.to.some((address) => address.toLowerCase() === to)) : [...messages];
    },
    get: (id) => messages.find((message) => message.id === id) ?? null,
    clear() {
      messages = [];
    },
  };
}
