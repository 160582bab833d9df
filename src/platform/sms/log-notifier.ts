/**
 * Local mode's Notifier: it writes each SMS to the log instead of sending it, so a developer sees the
 * text without an AWS account, and refuses what SNS would refuse so local behaves like production.
 */
import type { Logger } from '../log';
import { checkSms, type Notifier } from './notifier';

export function logNotifier(log: Logger): Notifier {
  let count = 0;
  return {
    sendSms: async (sms) => {
      checkSms(sms);
      count += 1;
      const messageId = `local-sms-${count}`;
      log.info('SMS not sent (local mode)', { messageId, to: sms.to, text: sms.text });
      return { messageId };
    },
  };
}
