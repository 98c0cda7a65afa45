import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Mailbox } from './mailbox.server';

/** Far above a code email (a few kilobytes); anything bigger is a mistake, refused with 552. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_RECIPIENTS = 10;

/** A plain `local@domain.tld`: no source route, no address literal, no quoting games. */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;

const refusal = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

export type LoopbackSmtp = { url: string; close(): Promise<void> };

/**
 * A real SMTP server for the sandbox, on 127.0.0.1 and an ephemeral port: the portal's mailer
 * talks SMTP to it exactly as to a provider, and every message it accepts lands in `mailbox`
 * instead of going anywhere. No AUTH and no STARTTLS (loopback only, and nodemailer would reject
 * a self-signed certificate); clients from elsewhere are turned away even so.
 */
export async function startLoopbackSmtp(mailbox: Mailbox, options: { maxMessageBytes?: number } = {}): Promise<LoopbackSmtp> {
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    name: 'comptoir-sandbox-mailbox',
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    maxClients: 20,
    logger: false,
    disableReverseLookup: true,
    socketTimeout: 30_000,
    closeTimeout: 1_000,
    onConnect(session, callback) {
      callback(isLoopback(session.remoteAddress) ? null : refusal('Loopback clients only', 554));
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      if (!PLAIN_ADDRESS.test(address.address)) return callback(refusal('Recipient address not accepted', 553));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(refusal('Too many recipients', 452));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream, { skipImageLinks: true })
        .then((parsed) => {
          if (stream.sizeExceeded) return callback(refusal(`Message exceeds ${maxBytes} bytes`, 552));
          mailbox.add({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || null,
          });
          callback();
        })
        .catch(() => callback(refusal('Message could not be parsed', 554)));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that drops its connection is its own problem, not a crash of the portal.
  server.on('error', () => undefined);
  // A sandbox convenience must never keep a process alive on its own.
  server.server.unref();
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
