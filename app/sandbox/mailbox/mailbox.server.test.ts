import { describe, expect, it } from 'vitest';
import { createMailbox } from './mailbox.server';

const message = (to: string, subject: string) => ({ from: 'no-reply@shop.example', to: [to], subject, text: subject, html: null });

describe('the sandbox mailbox', () => {
  it('keeps the last messages only, newest first', () => {
    const mailbox = createMailbox({ capacity: 3 });
    for (const n of [1, 2, 3, 4, 5]) mailbox.add(message('ada@example.com', `m${n}`));
    expect(mailbox.list().map((m) => m.subject)).toEqual(['m5', 'm4', 'm3']);
  });

  it("lists one recipient's messages, whatever the case of the address, and finds one by id", () => {
    const mailbox = createMailbox();
    const kept = mailbox.add(message('Ada@Example.com', 'for Ada'));
    mailbox.add(message('bob@example.com', 'for Bob'));
    expect(mailbox.list({ to: 'ada@example.COM' }).map((m) => m.subject)).toEqual(['for Ada']);
    expect(mailbox.get(kept.id)).toEqual(kept);
    mailbox.clear();
    expect(mailbox.get(kept.id)).toBeNull();
  });
});
