import type { OnlineProvider } from './online';
import { type RazorpaySettings, razorpayProvider } from './razorpay';
import { type StripeSettings, stripeProvider } from './stripe';

/** The online providers whose settings are given, Stripe first: the order the checkout offers them in. */
export function onlineProviders(settings: {
  stripe?: StripeSettings | undefined;
  razorpay?: RazorpaySettings | undefined;
}): OnlineProvider[] {
  return [
    ...(settings.stripe ? [stripeProvider(settings.stripe)] : []),
    ...(settings.razorpay ? [razorpayProvider(settings.razorpay)] : []),
  ];
}
