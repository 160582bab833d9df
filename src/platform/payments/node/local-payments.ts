/**
 * Local mode's payment server (Node only): one in-process HTTP server on the loopback interface that
 * speaks the subset of Stripe's and Razorpay's APIs the adapters use, shows a hosted page per session
 * with Pay, Decline and Cancel buttons, and sends signed webhooks, so `make run` and the tests take
 * "online" payments with no account and no network. docs/payments-local-server.md says where it differs
 * from the real services.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { OnlineProviderId } from '../online';
import { indexPage, notFoundPage, payPage } from './local-pay-page';
import { type HostedPage, type LocalProvider, Refusal, randomId } from './local-provider';
import { localRazorpay } from './local-razorpay';
import { localStripe } from './local-stripe';
import { type WebhookDelivery, webhookSender } from './local-webhooks';

export type LocalPaymentSecrets = {
  stripeSecretKey: string;
  stripeWebhookSecret: string;
  razorpayKeyId: string;
  razorpayKeySecret: string;
  razorpayWebhookSecret: string;
};

export type LocalPaymentsOptions = {
  /** Where each provider's webhooks go; settable later with setWebhookUrls (the app's port may not be known yet). */
  webhookUrls?: Partial<Record<OnlineProviderId, string>>;
  /** Unset ones are made up for this run. */
  secrets?: Partial<LocalPaymentSecrets>;
  /** Pauses before the second, third, … attempt at a webhook that got no 2xx. */
  retryDelaysMs?: number[];
  now?: () => Date;
};

export type LocalPayments = {
  /** The index of every session and link, for a developer's browser. */
  url: string;
  /** Stripe's API here, as the SDK's host, port and protocol options take it… */
  stripe: { host: string; port: number; protocol: 'http' };
  /** …and as one URL (STRIPE_API_URL). */
  stripeApiUrl: string;
  /** Razorpay's API here (RAZORPAY_API_URL): paths such as `/v1/payment_links` go after it. */
  razorpayBaseUrl: string;
  secrets: LocalPaymentSecrets;
  /** Every webhook POST made, oldest first, with the headers and body sent and the answer. */
  deliveries: WebhookDelivery[];
  setWebhookUrls(urls: Partial<Record<OnlineProviderId, string>>): void;
  /** Sends a delivered event once more, signed afresh, as the providers' dashboards can. */
  deliverAgain(delivery: WebhookDelivery): Promise<void>;
  /** The next `count` refund requests, to either provider, are refused with a 500 as an outage would. */
  failNextRefunds(count: number): void;
  /** Presses the hosted page's Pay button; resolves with where the buyer goes, once the webhook is sent. */
  pay(provider: OnlineProviderId, sessionId: string): Promise<string>;
  /** Presses Decline the card; resolves once the webhook is sent. */
  decline(provider: OnlineProviderId, sessionId: string): Promise<void>;
  /** Ends a session as its expiry would, with the provider's webhook. */
  expire(provider: OnlineProviderId, sessionId: string): Promise<void>;
  page(provider: OnlineProviderId, sessionId: string): HostedPage | undefined;
  /** Resolves once no webhook is being sent or waiting for a retry. */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the server on a free loopback port; it lives in this process and ends with `stop()`. */
export async function startLocalPayments(options: LocalPaymentsOptions = {}): Promise<LocalPayments> {
  const secrets: LocalPaymentSecrets = {
    stripeSecretKey: randomId('sk_test_local', 24),
    stripeWebhookSecret: randomId('whsec_', 32),
    razorpayKeyId: randomId('rzp_test_'),
    razorpayKeySecret: randomId('', 24),
    razorpayWebhookSecret: randomId('', 24),
    ...options.secrets,
  };
  const now = options.now ?? (() => new Date());
  const webhooks = webhookSender({
    secrets: { stripe: secrets.stripeWebhookSecret, razorpay: secrets.razorpayWebhookSecret },
    urls: { ...options.webhookUrls },
    retryDelaysMs: options.retryDelaysMs ?? [500, 2000, 5000],
    now,
  });
  let origin = '';
  let refusals = 0;
  const context = {
    origin: () => origin,
    now,
    send: webhooks.send,
    refuseRefund() {
      if (refusals <= 0) return false;
      refusals--;
      return true;
    },
  };
  const providers: Record<OnlineProviderId, LocalProvider> = {
    stripe: localStripe(context, secrets.stripeSecretKey),
    razorpay: localRazorpay(context, { keyId: secrets.razorpayKeyId, keySecret: secrets.razorpayKeySecret }),
  };
  const providerOf = (c: Context) =>
    providers[c.req.param('provider') as OnlineProviderId] as LocalProvider | undefined;
  const provider = (id: OnlineProviderId) => providers[id];

  const app = new Hono();
  app.route('/', providers.stripe.api);
  app.route('/razorpay', providers.razorpay.api);
  app.get('/', (c) => c.html(indexPage([...providers.stripe.pages(), ...providers.razorpay.pages()])));
  app.get('/pay/:provider/:id', (c) => {
    const page = providerOf(c)?.page(c.req.param('id'));
    return page ? c.html(payPage(page)) : c.html(notFoundPage('There is no such payment page.'), 404);
  });
  app.post('/pay/:provider/:id/:action', (c) => {
    const local = providerOf(c);
    const id = c.req.param('id');
    const page = local?.page(id);
    if (!local || !page) return c.html(notFoundPage('There is no such payment page.'), 404);
    try {
      switch (c.req.param('action')) {
        case 'pay':
          return c.redirect(local.pay(id).redirect, 303);
        case 'decline':
          local.decline(id);
          return c.redirect(`/pay/${page.provider}/${id}`, 303);
        case 'cancel':
          return c.redirect(page.backUrl ?? '/', 303);
        default:
          return c.html(notFoundPage('There is no such button.'), 404);
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return c.html(payPage(local.page(id) ?? page, error.message), error.status);
    }
  });

  const server = await new Promise<Server>((ready) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      ready(started as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    stripe: { host: '127.0.0.1', port, protocol: 'http' },
    stripeApiUrl: origin,
    razorpayBaseUrl: `${origin}/razorpay`,
    secrets,
    deliveries: webhooks.deliveries,
    setWebhookUrls(urls) {
      Object.assign(webhooks.urls, urls);
    },
    deliverAgain: ({ provider, eventId, type, body }) => webhooks.send({ provider, eventId, type, body }),
    failNextRefunds(count) {
      refusals = count;
    },
    async pay(id, sessionId) {
      const { redirect, delivered } = provider(id).pay(sessionId);
      await delivered;
      return redirect;
    },
    async decline(id, sessionId) {
      await provider(id).decline(sessionId).delivered;
    },
    expire: (id, sessionId) => provider(id).expire(sessionId),
    page: (id, sessionId) => provider(id).page(sessionId),
    settled: webhooks.settled,
    async stop() {
      webhooks.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
