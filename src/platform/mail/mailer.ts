/**
 * The outgoing-mail port. Features build a `Mail` and hand it to whichever `Mailer` the runtime
 * injected (SES in production and locally, a recording one in tests), so nothing outside src/platform/mail
 * knows how mail leaves the process.
 */

/**
 * A file sent with a mail. With `contentId` it is an inline part the HTML shows as `<img src="cid:…">`
 * (an image mail clients display in the message) rather than a file to open.
 */
export type MailAttachment = {
  filename: string;
  contentType: string;
  content: Uint8Array;
  contentId?: string | undefined;
};

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
};

export type Mailer = { send(mail: Mail): Promise<{ messageId: string }> };
