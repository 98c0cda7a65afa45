import nodemailer from 'nodemailer';
import { MailDeliveryError, type Mailer } from './ports';

export type SmtpMailerConfig = {
  /** `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the start), credentials in the URL. */
  url: string;
  /** The sender shoppers see: `Name <address>`, or its parts (nodemailer quotes the name). */
  from: string | { name: string; address: string };
};

/**
 * The Mailer over SMTP, with nodemailer: one connection per message, so nothing is held open
 * between the rare sends. Timeouts keep a shopper's request from hanging on a silent server.
 */
export function createSmtpMailer(config: SmtpMailerConfig): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({ url: config.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    /** Resolves once the server accepted the message; a refusal or an outage is a MailDeliveryError. */
    async send(message) {
      try {
        await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      } catch (error) {
        const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
        throw new MailDeliveryError(typeof code === 'string' ? code : 'EUNKNOWN', typeof responseCode === 'number' ? responseCode : null);
      }
    },
    close: () => transport.close(),
  };
}
