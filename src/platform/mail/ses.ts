/**
 * The Mailer on Amazon SES v2. It runs on Node and on Workers alike: only Web APIs (TextEncoder, btoa,
 * crypto.getRandomValues), and region, endpoint and credentials passed in so the SDK never looks for
 * ~/.aws files.
 */
import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { MESSAGING_CALLS, OUTAGE_REPORTER, outageReporter } from '../aws-calls';
import type { Mail, MailAttachment, Mailer } from './mailer';

export type SesMailerOptions = {
  region: string;
  endpoint?: string | undefined;
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /** `MAIL_FROM`: an address, optionally with a display name (`Movie Magic <tickets@example.com>`). */
  from: string;
  /** `SES_CONFIGURATION_SET`: where SES publishes bounces, complaints and deliveries. */
  configurationSet?: string | undefined;
};

/** Sends through Amazon SES v2. Failures are thrown as the SDK raised them: the caller decides on retries. */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #from: string;
  readonly #configurationSet: string | undefined;

  constructor(options: SesMailerOptions) {
    this.#client = new SESv2Client({
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      ...MESSAGING_CALLS,
    });
    this.#client.middlewareStack.add(outageReporter('SES'), OUTAGE_REPORTER);
    this.#from = encodeAddress(options.from);
    this.#configurationSet = options.configurationSet;
  }

  async send(mail: Mail): Promise<{ messageId: string }> {
    const output = await this.#client.send(
      new SendEmailCommand(sesRequest(mail, this.#from, this.#configurationSet)),
    );
    if (!output.MessageId) throw new Error('SES accepted the email but returned no MessageId');
    return { messageId: output.MessageId };
  }
}

/** The SendEmail request for a mail: SES's Simple content when it can carry it, a raw MIME message otherwise. */
export function sesRequest(
  mail: Mail,
  from: string,
  configurationSet?: string,
  now: Date = new Date(),
): SendEmailCommandInput {
  const to = headerSafe(mail.to, 'recipient');
  const common = {
    FromEmailAddress: encodeAddress(from),
    Destination: { ToAddresses: [to] },
    ConfigurationSetName: configurationSet,
  };
  if (!mail.attachments?.length) {
    return {
      ...common,
      Content: {
        Simple: {
          Subject: { Data: oneLine(mail.subject), Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    };
  }
  return {
    ...common,
    Content: { Raw: { Data: new TextEncoder().encode(buildMimeMessage(mail, { from, date: now })) } },
  };
}

const CRLF = '\r\n';
const encoder = new TextEncoder();

/**
 * A multipart/mixed message: a multipart/alternative (text, then html: clients show the last part
 * they understand) followed by each attachment. Inline attachments (with a `contentId`) go with the html
 * in a multipart/related (RFC 2387), so clients show them in the message and not as files. Every body is
 * base64, so 8-bit text and binary attachments survive any relay, and a boundary made of characters
 * base64 never produces cannot collide with content.
 */
export function buildMimeMessage(
  mail: Mail,
  options: { from: string; date?: Date; boundary?: () => string },
): string {
  const boundary = options.boundary ?? randomBoundary;
  const mixed = boundary();
  const alternative = boundary();
  const inline = (mail.attachments ?? []).filter((attachment) => attachment.contentId);
  const html = textPart('text/html; charset=UTF-8', mail.html);
  const related = inline.length ? boundary() : undefined;
  const lines = [
    `From: ${encodeAddress(options.from)}`,
    `To: ${headerSafe(mail.to, 'recipient')}`,
    `Subject: ${encodeSubject(mail.subject)}`,
    `Date: ${rfc5322Date(options.date ?? new Date())}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;${CRLF} boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative;${CRLF} boundary="${alternative}"`,
    '',
    `--${alternative}`,
    ...textPart('text/plain; charset=UTF-8', mail.text),
    `--${alternative}`,
    ...(related
      ? [
          `Content-Type: multipart/related;${CRLF} boundary="${related}"; type="text/html"`,
          '',
          `--${related}`,
          ...html,
          ...inline.flatMap((attachment) => [`--${related}`, ...attachmentPart(attachment)]),
          `--${related}--`,
        ]
      : html),
    `--${alternative}--`,
  ];
  for (const attachment of mail.attachments ?? []) {
    if (!attachment.contentId) lines.push(`--${mixed}`, ...attachmentPart(attachment));
  }
  lines.push(`--${mixed}--`, '');
  return lines.join(CRLF);
}

function textPart(contentType: string, body: string): string[] {
  return [
    `Content-Type: ${contentType}`,
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(encoder.encode(body)),
  ];
}

function attachmentPart(attachment: MailAttachment): string[] {
  const contentType = headerSafe(attachment.contentType, 'attachment content type');
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType)) {
    throw new Error(`not a MIME content type: ${contentType}`);
  }
  const filename = headerSafe(attachment.filename, 'attachment filename');
  const contentId = attachment.contentId ? headerSafe(attachment.contentId, 'content id') : undefined;
  if (contentId !== undefined && !/^[\w.+-]+@[\w.-]+$/.test(contentId)) {
    throw new Error(`not a content id: ${contentId}`);
  }
  return [
    `Content-Type: ${contentType}; ${parameter('name', filename)}`,
    ...(contentId ? [`Content-ID: <${contentId}>`] : []),
    `Content-Disposition: ${contentId ? 'inline' : 'attachment'}; ${parameter('filename', filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(attachment.content),
  ];
}

/** A quoted parameter when the value is plain ASCII; RFC 2231's UTF-8 form when it is not. */
function parameter(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) return `${name}="${value}"`;
  const percent = Array.from(encoder.encode(value), (byte) =>
    /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
  return `${name}*=UTF-8''${percent}`;
}

/** Base64 in lines of 76 characters, the most RFC 2045 allows. */
export function base64Lines(bytes: Uint8Array): string[] {
  const encoded = base64(bytes);
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += 76) lines.push(encoded.slice(at, at + 76));
  return lines;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode under the engine's argument limit for large attachments.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/**
 * The subject as it may appear in a header: as is when it is short printable ASCII, else RFC 2047
 * encoded words of whole characters (a word may not split a UTF-8 sequence), folded one per line so
 * that no line, `Subject: ` included, passes the 76 characters RFC 2047 allows.
 */
export function encodeSubject(subject: string): string {
  const line = oneLine(subject);
  if (/^[\x20-\x7e]*$/.test(line) && line.length <= 68 && !line.includes('=?')) return line;
  const words: number[][] = [];
  let chunk: number[] = [];
  for (const char of line) {
    const bytes = encoder.encode(char);
    // 39 bytes become 52 base64 characters: with `=?UTF-8?B?` and `?=`, a 64-character word.
    if (chunk.length + bytes.length > 39) {
      words.push(chunk);
      chunk = [];
    }
    chunk.push(...bytes);
  }
  if (chunk.length) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(Uint8Array.from(word))}?=`).join(`${CRLF} `);
}

/** `Name <address>` with a non-ASCII name as an encoded word, as SES requires of FromEmailAddress. */
export function encodeAddress(address: string): string {
  const value = headerSafe(address.trim(), 'sender');
  const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(value);
  if (!match) return value;
  const name = (match[1] ?? '').replace(/^"(.*)"$/, '$1');
  const addr = match[2] ?? '';
  if (!name) return `<${addr}>`;
  if (!/^[\x20-\x7e]*$/.test(name)) return `=?UTF-8?B?${base64(encoder.encode(name))}?= <${addr}>`;
  if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(name)) return `${name} <${addr}>`;
  return `"${name.replace(/(["\\])/g, '\\$1')}" <${addr}>`;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+\s*/g, ' ');
}

/** A header value with a line break would let its content write headers of its own. */
function headerSafe(value: string, what: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`the ${what} contains a line break`);
  return value;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function rfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `=_mm_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
