import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to local mode with the embedded database persisted under .data', () => {
    const config = loadConfig({});
    expect(config.local).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '.data' });
    expect(config.demoData).toBe(true);
    expect(config.credentials).toEqual({ accessKeyId: 'local', secretAccessKey: 'local' });
  });

  it('listens on 127.0.0.1 in local mode, on every interface on AWS, and where HOST says in both', () => {
    const aws = {
      AWS_REGION: 'ap-south-1',
      TABLE_NAME: 'movie-magic-prod',
      MAIL_FROM: 'tickets@example.com',
      PUBLIC_ORIGIN: 'https://tickets.example.com',
      TICKET_SIGNING_KEY: 'set',
    };
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }).host).toBe('127.0.0.1');
    expect(loadConfig(aws).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...aws, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('uses an endpoint it is given and starts nothing', () => {
    const config = loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', PORT: '8080' });
    expect(config.database).toEqual({ kind: 'external', endpoint: 'http://127.0.0.1:8000' });
    expect(config.port).toBe(8080);
    expect(config.local).toBe(true);
  });

  it('treats AWS_REGION with TABLE_NAME as real AWS: no demo data, SDK credential chain', () => {
    const config = loadConfig({
      AWS_REGION: 'ap-south-1',
      TABLE_NAME: 'movie-magic-prod',
      MAIL_FROM: 'tickets@example.com',
      PUBLIC_ORIGIN: 'https://tickets.example.com/',
      TICKET_SIGNING_KEY: 'set',
    });
    expect(config.local).toBe(false);
    expect(config.publicOrigin).toBe('https://tickets.example.com');
    expect(config.database).toEqual({ kind: 'external', endpoint: undefined });
    expect(config.tableName).toBe('movie-magic-prod');
    expect(config.demoData).toBe(false);
    expect(config.credentials).toBeUndefined();
  });

  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DYNAMODB_ENDPOINT: 'not a url' })).toThrow(ConfigError);
    // One start-up names every bad variable, each on a line of its own.
    expect(() => loadConfig({ PORT: 'eighty', DB_IN_MEMORY: 'maybe' })).toThrow(
      /^Invalid configuration:\n {2}PORT: .+\n {2}DB_IN_MEMORY: .+$/,
    );
  });

  it('sends mail from the local sender through a local SES server unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.mailFrom).toBe('Movie Magic <tickets@moviemagic.local>');
    expect(config.sesEndpoint).toBeUndefined();
    expect(config.sesConfigurationSet).toBeUndefined();
  });

  it('takes the sender, SES endpoint and configuration set it is given', () => {
    const config = loadConfig({
      MAIL_FROM: 'Movie Magic <tickets@example.com>',
      SES_ENDPOINT: 'http://127.0.0.1:8005',
      SES_CONFIGURATION_SET: 'movie-magic_events',
    });
    expect(config.mailFrom).toBe('Movie Magic <tickets@example.com>');
    expect(config.sesEndpoint).toBe('http://127.0.0.1:8005');
    expect(config.sesConfigurationSet).toBe('movie-magic_events');
    expect(loadConfig({ MAIL_FROM: 'tickets@example.com' }).mailFrom).toBe('tickets@example.com');
  });

  it('requires MAIL_FROM on AWS, saying why', () => {
    const aws = { AWS_REGION: 'ap-south-1', TABLE_NAME: 'movie-magic-prod' };
    expect(() => loadConfig(aws)).toThrow(
      /MAIL_FROM: is required on AWS \(AWS_REGION and TABLE_NAME are set\)/,
    );
    expect(
      loadConfig({
        ...aws,
        MAIL_FROM: 'Movie Magic <tickets@example.com>',
        PUBLIC_ORIGIN: 'https://t.example.com',
        TICKET_SIGNING_KEY: 'set',
      }).mailFrom,
    ).toBe('Movie Magic <tickets@example.com>');
  });

  it('requires PUBLIC_ORIGIN on AWS, so links in emails never follow a forged Host header', () => {
    expect(() =>
      loadConfig({
        AWS_REGION: 'ap-south-1',
        TABLE_NAME: 'movie-magic-prod',
        MAIL_FROM: 'tickets@example.com',
      }),
    ).toThrow(/PUBLIC_ORIGIN: is required on AWS/);
    expect(loadConfig({}).publicOrigin).toBeUndefined();
  });

  it('requires TICKET_SIGNING_KEY on AWS, so every process signs tickets with one key', () => {
    expect(() =>
      loadConfig({
        AWS_REGION: 'ap-south-1',
        TABLE_NAME: 'movie-magic-prod',
        MAIL_FROM: 'tickets@example.com',
        PUBLIC_ORIGIN: 'https://t.example.com',
      }),
    ).toThrow(/TICKET_SIGNING_KEY: is required on AWS/);
    expect(loadConfig({}).ticketSigningKey).toBeUndefined();
  });

  it('names a missing MAIL_FROM on AWS together with the other bad variables', () => {
    expect(() =>
      loadConfig({ AWS_REGION: 'ap-south-1', TABLE_NAME: 'movie-magic-prod', PORT: 'eighty' }),
    ).toThrow(/PORT[\s\S]*MAIL_FROM/);
  });

  it('refuses a malformed sender, SES endpoint or configuration set', () => {
    let message = '';
    try {
      loadConfig({
        MAIL_FROM: 'Movie Magic',
        SES_ENDPOINT: 'ses.local',
        SES_CONFIGURATION_SET: 'has spaces',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/MAIL_FROM: must be an email address/);
    expect(message).toMatch(/SES_ENDPOINT/);
    expect(message).toMatch(/SES_CONFIGURATION_SET/);
  });

  it('turns on each online provider whose keys are set, and neither without them', () => {
    expect(loadConfig({})).toMatchObject({ stripe: undefined, razorpay: undefined });
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_51abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      RAZORPAY_KEY_ID: 'rzp_live_AbC123',
      RAZORPAY_KEY_SECRET: 'secret',
      RAZORPAY_WEBHOOK_SECRET: 'webhook-secret',
      RAZORPAY_API_URL: 'http://127.0.0.1:4000/razorpay',
    });
    expect(config.stripe).toEqual({
      secretKey: 'sk_test_51abc',
      webhookSecret: 'whsec_abc',
      apiUrl: undefined,
    });
    expect(config.razorpay).toEqual({
      keyId: 'rzp_live_AbC123',
      keySecret: 'secret',
      webhookSecret: 'webhook-secret',
      apiUrl: 'http://127.0.0.1:4000/razorpay',
    });
  });

  it('names each provider key missing beside the ones given, and each malformed one', () => {
    expect(() => loadConfig({ RAZORPAY_KEY_ID: 'rzp_test_AbC123' })).toThrow(
      /RAZORPAY_KEY_SECRET: is required with RAZORPAY_KEY_ID[^\n]*\n {2}RAZORPAY_WEBHOOK_SECRET: is required with RAZORPAY_KEY_ID/,
    );
    expect(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toThrow(
      /STRIPE_SECRET_KEY: is required with STRIPE_WEBHOOK_SECRET: Stripe takes payments once STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET are all set/,
    );
    let message = '';
    try {
      loadConfig({
        STRIPE_SECRET_KEY: 'pk_test_publishable',
        STRIPE_WEBHOOK_SECRET: 'secret',
        STRIPE_API_URL: 'localhost:12111',
        RAZORPAY_KEY_ID: 'key',
        RAZORPAY_KEY_SECRET: 'secret',
        RAZORPAY_WEBHOOK_SECRET: 'webhook-secret',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/STRIPE_SECRET_KEY: must be a Stripe secret key/);
    expect(message).toMatch(/STRIPE_WEBHOOK_SECRET: must be the webhook endpoint's signing secret/);
    expect(message).toMatch(/STRIPE_API_URL/);
    expect(message).toMatch(/RAZORPAY_KEY_ID: must be a Razorpay key id/);
  });
});
