import { describe, expect, it } from 'vitest';
import type { Logger } from '../log';
import { logNotifier } from './log-notifier';
import { InvalidPhoneNumberError } from './notifier';

function memoryLog() {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const write = (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields });
  const log: Logger = { debug: write, info: write, warn: write, error: write };
  return { log, lines };
}

describe('logNotifier', () => {
  it('logs the SMS instead of sending it', async () => {
    const { log, lines } = memoryLog();
    const sent = await logNotifier(log).sendSms({ to: '+447700900123', text: 'Booking MM-1 confirmed' });
    expect(sent.messageId).toBe('local-sms-1');
    expect(lines).toEqual([
      {
        message: 'SMS not sent (local mode)',
        fields: { messageId: 'local-sms-1', to: '+447700900123', text: 'Booking MM-1 confirmed' },
      },
    ]);
  });

  it('refuses a number SNS would refuse, and logs nothing', async () => {
    const { log, lines } = memoryLog();
    await expect(logNotifier(log).sendSms({ to: '07700 900123', text: 'Hi' })).rejects.toBeInstanceOf(
      InvalidPhoneNumberError,
    );
    expect(lines).toEqual([]);
  });
});
