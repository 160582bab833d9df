import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidPhoneNumberError } from '../../src/platform/sms/notifier';
import { isSenderId, SnsNotifier, snsRequest } from '../../src/platform/sms/sns';
import { type SnsEndpoint, startSnsEndpoint } from '../support/sns-endpoint';

const credentials = { accessKeyId: 'AKIDMOVIEMAGIC', secretAccessKey: 'local-secret' };
const to = '+447700900123';
// Characters the form encoding has to escape: `&`, `=`, `+`, a line break and non-ASCII.
const text =
  'Movie Magic: booking MM-7Q2 + popcorn. Orbit of Ashes & friends,\nSat 28 Nov 19:30 = Seats F7, F8 €';

let sns: SnsEndpoint;

beforeAll(async () => {
  sns = await startSnsEndpoint({ credentials });
});
afterAll(() => sns.close());
beforeEach(() => sns.clear());

function notifier(options: { senderId?: string; secretAccessKey?: string } = {}) {
  return new SnsNotifier({
    region: 'eu-west-2',
    endpoint: sns.url,
    credentials: { ...credentials, secretAccessKey: options.secretAccessKey ?? credentials.secretAccessKey },
    senderId: options.senderId,
  });
}

describe('SnsNotifier', () => {
  it('publishes straight to the phone number, transactional, signed for SNS', async () => {
    const sent = await notifier().sendSms({ to, text });

    expect(sns.requests).toHaveLength(1);
    const [request] = sns.requests;
    if (!request) throw new Error('no request');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/');
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.params).toEqual({
      Action: 'Publish',
      Version: '2010-03-31',
      PhoneNumber: to,
      Message: text,
      'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
    });
    expect(request.publish).toEqual({
      phoneNumber: to,
      message: text,
      topicArn: undefined,
      targetArn: undefined,
      messageAttributes: { 'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: 'Transactional' } },
    });
    expect(request.body).not.toMatch(/TopicArn|TargetArn/);
    // The endpoint checked the signature with the secret, so this header is a valid SigV4 one.
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDMOVIEMAGIC\/\d{8}\/eu-west-2\/sns\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request.response.status).toBe(200);
    expect(sent.messageId).toBe(request.response.messageId);
    expect(sns.published()).toEqual([request.publish]);
  });

  it('names the sender when a sender ID is configured', async () => {
    await notifier({ senderId: 'MovieMagic' }).sendSms({ to, text: 'Booking MM-1' });
    expect(sns.requests[0]?.publish?.messageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { dataType: 'String', stringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { dataType: 'String', stringValue: 'MovieMagic' },
    });
  });

  it.each(['07700 900123', '447700900123', '+44 7700 900123', '+0447700900123', '+1234567890123456', ''])(
    'refuses %j before any request',
    async (number) => {
      await expect(notifier().sendSms({ to: number, text: 'Booking MM-1' })).rejects.toBeInstanceOf(
        InvalidPhoneNumberError,
      );
      expect(sns.requests).toEqual([]);
    },
  );

  it('refuses text over 1,600 bytes before any request, and sends 1,600', async () => {
    await expect(notifier().sendSms({ to, text: 'é'.repeat(801) })).rejects.toThrow(/1602 bytes/);
    expect(sns.requests).toEqual([]);
    await notifier().sendSms({ to, text: 'a'.repeat(1600) });
    expect(sns.published()).toHaveLength(1);
  });

  it('throws what SNS refuses, as the SDK raised it, without retrying', async () => {
    sns.failNext({ status: 400, code: 'InvalidParameter', message: 'Invalid parameter: PhoneNumber' });
    const failure = notifier().sendSms({ to, text: 'Booking MM-1' });
    await expect(failure).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: PhoneNumber',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    expect(sns.requests).toHaveLength(1);
  });

  it('retries a server error, and throws once the attempts run out', async () => {
    sns.failNext({ status: 500, code: 'InternalError' });
    const sent = await notifier().sendSms({ to, text: 'Booking MM-1' });
    expect(sns.requests.map((r) => r.response.status)).toEqual([500, 200]);
    expect(sent.messageId).toBe(sns.requests[1]?.response.messageId);

    sns.clear();
    sns.failNext({ status: 500, code: 'InternalError' }, 2);
    await expect(notifier().sendSms({ to, text: 'Booking MM-1' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^SNS answered 500 \(2 attempts\): InternalErrorException/),
      cause: { name: 'InternalErrorException', $fault: 'server' },
    });
    expect(sns.requests).toHaveLength(2);
    expect(sns.published()).toEqual([]);
  });

  it('is refused by an endpoint that checks signatures when signed with the wrong secret', async () => {
    await expect(
      notifier({ secretAccessKey: 'wrong' }).sendSms({ to, text: 'Booking MM-1' }),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(sns.published()).toEqual([]);
  });

  it('will not start with a sender ID SNS would refuse', () => {
    expect(() => notifier({ senderId: 'Movie Magic' })).toThrow(/sender ID "Movie Magic"/);
  });
});

describe('snsRequest', () => {
  it('builds a Publish to the number alone, with no topic or target', () => {
    expect(snsRequest({ to, text: 'Booking MM-1' })).toEqual({
      PhoneNumber: to,
      Message: 'Booking MM-1',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });
});

describe('isSenderId', () => {
  it('takes 1 to 11 letters, digits and inner hyphens with a letter among them', () => {
    for (const id of ['MovieMagic', 'MM', 'Movie-Magic', 'M1', 'A2345678901'])
      expect(isSenderId(id)).toBe(true);
    for (const id of ['', '12345', 'Movie Magic', 'MovieMagic12', '-Movie', 'Movie-', 'Ciné']) {
      expect(isSenderId(id)).toBe(false);
    }
  });
});
