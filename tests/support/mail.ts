import type { Mail, Mailer } from '../../src/platform/mail/mailer';

export type RecordingMailer = Mailer & {
  /** Every mail sent, oldest first. */
  sent: Mail[];
  /** The most recent mail to an address: what a test follows a link from. */
  lastTo: (to: string) => Mail | undefined;
};

/** A Mailer that keeps what it is asked to send, so tests can read the emails without an SES server. */
export function recordingMailer(): RecordingMailer {
  const sent: Mail[] = [];
  return {
    sent,
    lastTo: (to) => sent.findLast((mail) => mail.to === to),
    send: async (mail) => {
      sent.push(mail);
      return { messageId: `recorded-${sent.length}` };
    },
  };
}
