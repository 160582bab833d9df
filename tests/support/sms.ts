import { checkSms, type Notifier, type Sms } from '../../src/platform/sms/notifier';

export type RecordingNotifier = Notifier & {
  /** Every SMS sent, oldest first. */
  sent: Sms[];
  /** The most recent SMS to a number. */
  lastTo: (to: string) => Sms | undefined;
};

/**
 * A Notifier that keeps what it is asked to send, so tests can read the texts without SNS. It
 * refuses what every Notifier refuses (a non-E.164 number, empty or oversize text), so a test sees
 * the errors production would.
 */
export function recordingNotifier(): RecordingNotifier {
  const sent: Sms[] = [];
  return {
    sent,
    lastTo: (to) => sent.findLast((sms) => sms.to === to),
    sendSms: async (sms) => {
      checkSms(sms);
      sent.push(sms);
      return { messageId: `recorded-${sent.length}` };
    },
  };
}
