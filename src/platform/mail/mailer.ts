/**
 * The outgoing-mail port. Features build a `Mail` and hand it to whichever `Mailer` the runtime
 * injected (SES in production and locally, a recording one in tests), so nothing outside src/platform/mail
 * knows how mail leaves the process.
 */

export type MailAttachment = { filename: string; contentType: string; content: Uint8Array };

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
};

export type Mailer = { send(mail: Mail): Promise<{ messageId: string }> };
