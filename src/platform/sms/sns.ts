/**
 * The Notifier on Amazon SNS: one Publish straight to a phone number, never through a topic, where a
 * message would reach every subscriber. Like the SES mailer it runs on Node and on Workers alike,
 * with region, endpoint and credentials passed in so the SDK never looks for ~/.aws files.
 */
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { MESSAGING_CALLS, OUTAGE_REPORTER, outageReporter } from '../aws-calls';
import { checkSms, type Notifier, type Sms } from './notifier';

export type SnsNotifierOptions = {
  region: string;
  endpoint?: string | undefined;
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /**
   * `SMS_SENDER_ID`: the name shown instead of a number in countries that support sender IDs (some
   * require it registered first); in others, the US and Canada among them, the SMS comes from a number.
   */
  senderId?: string | undefined;
};

/** What SNS takes as a sender ID: up to 11 letters, digits and inner hyphens, with at least one letter. */
export function isSenderId(value: string): boolean {
  return /^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,9}[A-Za-z0-9])?$/.test(value);
}

/**
 * Sends through Amazon SNS. A refused number or text is thrown before any request; SNS failures are
 * thrown as the SDK raised them, after its own retries of throttling and server errors.
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #senderId: string | undefined;

  constructor(options: SnsNotifierOptions) {
    if (options.senderId !== undefined && !isSenderId(options.senderId)) {
      throw new Error(
        `SMS sender ID "${options.senderId}" is not one SNS takes: 1 to 11 letters, digits or inner hyphens, ` +
          'with at least one letter',
      );
    }
    this.#client = new SNSClient({
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      ...MESSAGING_CALLS,
    });
    this.#client.middlewareStack.add(outageReporter('SNS'), OUTAGE_REPORTER);
    this.#senderId = options.senderId;
  }

  async sendSms(sms: Sms): Promise<{ messageId: string }> {
    const output = await this.#client.send(new PublishCommand(snsRequest(sms, this.#senderId)));
    if (!output.MessageId) throw new Error('SNS accepted the SMS but returned no MessageId');
    return { messageId: output.MessageId };
  }
}

/**
 * The Publish request for an SMS, after `checkSms`. Transactional, because a booking confirmation is
 * one: SNS then routes it for reliability rather than for cost.
 */
export function snsRequest(sms: Sms, senderId?: string): PublishCommandInput {
  checkSms(sms);
  return {
    PhoneNumber: sms.to,
    Message: sms.text,
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
    },
  };
}
