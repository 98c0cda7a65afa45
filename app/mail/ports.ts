/** One email, written for one recipient: a plain-text body and the same words in HTML. */
export type MailMessage = { to: string; subject: string; text: string; html: string };

/** Sends shoppers' emails; nodemailer over SMTP behind it, the sandbox's loopback mailbox in the sandbox. */
export interface Mailer {
  /**
   * Hands the message to the mail server; resolves once the server accepted it.
   * @throws MailDeliveryError when the server cannot be reached or refuses the message.
   */
  send(message: MailMessage): Promise<void>;
}

/**
 * The mail server did not take the message. It carries the transport's error code and the SMTP
 * reply code only: the server's own words may quote the recipient's address.
 */
export class MailDeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly responseCode: number | null,
  ) {
    super(`mail not delivered: ${code}${responseCode === null ? '' : ` (SMTP ${responseCode})`}`);
    this.name = 'MailDeliveryError';
  }
}
