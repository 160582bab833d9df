/**
 * A stand-in for Amazon SNS's Publish, for tests: no SNS emulator installs from npm alone. It speaks
 * the AWS Query protocol the SDK uses for SNS (a form-encoded POST of `Action=Publish&Version=
 * 2010-03-31&...`, answered in XML), records every request as it arrived, and answers as SNS does,
 * errors included, so a test asserts on what the SDK actually put on the wire.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const VERSION = '2010-03-31';
const NAMESPACE = `http://sns.amazonaws.com/doc/${VERSION}/`;

/** An error SNS can answer with: `InvalidParameter` 400, `Throttled` 429, `InternalError` 500, ... */
export type SnsFault = { code: string; status: number; message?: string };

export type RecordedPublish = {
  phoneNumber: string | undefined;
  message: string | undefined;
  topicArn: string | undefined;
  targetArn: string | undefined;
  /** `MessageAttributes.entry.N.*`, by name. */
  messageAttributes: Record<string, { dataType: string | undefined; stringValue: string | undefined }>;
};

export type RecordedSnsRequest = {
  method: string;
  /** The path without the query string. */
  path: string;
  /** As Node received them: names lower-cased. */
  headers: IncomingHttpHeaders;
  body: string;
  /** The query string's and the form body's parameters, decoded. */
  params: Record<string, string>;
  /** The request read as a Publish, when its Action is Publish. */
  publish: RecordedPublish | undefined;
  /** What the endpoint answered: a MessageId on success, an error code otherwise. */
  response: { status: number; messageId?: string; errorCode?: string };
};

export type SnsEndpoint = {
  /** The endpoint to give the SNS client. */
  url: string;
  /** Every request, oldest first, whatever the answer. */
  requests: RecordedSnsRequest[];
  /** The Publish requests SNS would have delivered. */
  published: () => RecordedPublish[];
  /** Answers the next `times` requests with `fault`, as a failing SNS would, whatever they ask. */
  failNext: (fault: SnsFault, times?: number) => void;
  /** Forgets the requests and any faults still queued. */
  clear: () => void;
  close: () => Promise<void>;
};

export type SnsEndpointOptions = {
  /**
   * The keys the client signs with. Given, the endpoint checks each request's SigV4 signature and
   * answers a wrong one as SNS does; without them it only requires an Authorization header.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** Starts the endpoint on a free port of the loopback interface. */
export async function startSnsEndpoint(options: SnsEndpointOptions = {}): Promise<SnsEndpoint> {
  const requests: RecordedSnsRequest[] = [];
  const faults: SnsFault[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://sns.local');
      const params = Object.fromEntries(url.searchParams);
      if (/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
      }
      const method = req.method ?? 'GET';
      const publish = params.Action === 'Publish' ? readPublish(params) : undefined;
      const record: RecordedSnsRequest = {
        method,
        path: url.pathname,
        headers: req.headers,
        body,
        params,
        publish,
        response: { status: 0 },
      };
      requests.push(record);

      const requestId = randomUUID();
      const fail = (fault: SnsFault) => {
        record.response = { status: fault.status, errorCode: fault.code };
        res.writeHead(fault.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        res.end(errorXml(fault, requestId));
      };

      const refusal =
        authenticate(method, url, req.headers, raw, options.credentials) ??
        faults.shift() ??
        validate(params, publish);
      if (refusal) return fail(refusal);

      const messageId = randomUUID();
      record.response = { status: 200, messageId };
      res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(
        `<PublishResponse xmlns="${NAMESPACE}"><PublishResult><MessageId>${messageId}</MessageId>` +
          `</PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
          '</PublishResponse>',
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    published: () => requests.flatMap((r) => (r.publish && r.response.status === 200 ? [r.publish] : [])),
    failNext: (fault, times = 1) => {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    clear: () => {
      requests.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps its connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function readPublish(params: Record<string, string>): RecordedPublish {
  const messageAttributes: RecordedPublish['messageAttributes'] = {};
  for (let n = 1; params[`MessageAttributes.entry.${n}.Name`] !== undefined; n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    messageAttributes[params[`${prefix}.Name`] ?? ''] = {
      dataType: params[`${prefix}.Value.DataType`],
      stringValue: params[`${prefix}.Value.StringValue`],
    };
  }
  return {
    phoneNumber: params.PhoneNumber,
    message: params.Message,
    topicArn: params.TopicArn,
    targetArn: params.TargetArn,
    messageAttributes,
  };
}

/** SNS's answers to a request it will not carry out, in the order it checks. */
function validate(
  params: Record<string, string>,
  publish: RecordedPublish | undefined,
): SnsFault | undefined {
  if (params.Version !== VERSION || !publish) {
    return {
      status: 400,
      code: 'InvalidAction',
      message: `Could not find operation ${params.Action ?? ''} for version ${params.Version ?? ''}`,
    };
  }
  if (publish.message === undefined) {
    return {
      status: 400,
      code: 'ValidationError',
      message:
        "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
    };
  }
  const targets = [publish.phoneNumber, publish.topicArn, publish.targetArn].filter((t) => t !== undefined);
  if (targets.length === 0) {
    return {
      status: 400,
      code: 'InvalidParameter',
      message: 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
    };
  }
  if (targets.length > 1) {
    return {
      status: 400,
      code: 'InvalidParameter',
      message: 'Invalid parameter: Only one of TopicArn, TargetArn or PhoneNumber may be given',
    };
  }
  // This stand-in holds no topics and no platform endpoints: only direct SMS is delivered.
  if (publish.topicArn !== undefined)
    return { status: 404, code: 'NotFound', message: 'Topic does not exist' };
  if (publish.targetArn !== undefined) {
    return { status: 404, code: 'NotFound', message: 'Endpoint does not exist' };
  }
  if (!/^\+[1-9][0-9]{1,14}$/.test(publish.phoneNumber ?? '')) {
    return {
      status: 400,
      code: 'InvalidParameter',
      message: `Invalid parameter: PhoneNumber Reason: ${publish.phoneNumber} is not valid to publish to`,
    };
  }
  if (Array.from(publish.message).length > 1600) {
    return { status: 400, code: 'InvalidParameter', message: 'Invalid parameter: Message too long' };
  }
  const smsType = publish.messageAttributes['AWS.SNS.SMS.SMSType']?.stringValue;
  if (smsType !== undefined && smsType !== 'Transactional' && smsType !== 'Promotional') {
    return {
      status: 400,
      code: 'ParameterValueInvalid',
      message: `The SMSType ${smsType} is not Promotional or Transactional`,
    };
  }
  return undefined;
}

/** Checks the request as SNS does before anything else: signed, and with the right key when known. */
function authenticate(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: Buffer,
  credentials: SnsEndpointOptions['credentials'],
): SnsFault | undefined {
  const authorization = headers.authorization;
  if (!authorization) {
    return {
      status: 403,
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token',
    };
  }
  if (!credentials) return undefined;
  const invalid: SnsFault = {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS ' +
      'Secret Access Key and signing method. Consult the service documentation for details.',
  };
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return invalid;
  const [, keyId, day = '', region = '', service = '', signedHeaders = '', signature] = match;
  if (keyId !== credentials.accessKeyId) {
    return {
      status: 403,
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    };
  }
  const amzDate = String(headers['x-amz-date'] ?? '');
  const payloadHash = sha256(body);
  const claimedHash = headers['x-amz-content-sha256'];
  if (service !== 'sns' || !amzDate.startsWith(day) || (claimedHash && claimedHash !== payloadHash)) {
    return invalid;
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return invalid;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]): [string, string] => [rfc3986(k), rfc3986(v)])
    .sort(([k1, v1], [k2, v2]) => compare(k1, k2) || compare(v1, v2))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, region, service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expected === signature ? undefined : invalid;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function errorXml(fault: SnsFault, requestId: string): string {
  const type = fault.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(fault.code)}</Code>` +
    `<Message>${escapeXml(fault.message ?? fault.code)}</Message></Error><RequestId>${requestId}</RequestId>` +
    '</ErrorResponse>'
  );
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}
