import { formatTime, zoneName } from '../../../platform/time';
import type { Delivery } from '../service';

function deliveryText(delivery: Delivery, timeZone: string): string {
  const at = (iso: string) => `${formatTime(new Date(iso), timeZone)} ${zoneName(new Date(iso), timeZone)}`;
  const email = delivery.emailSentAt ? `Sent by email at ${at(delivery.emailSentAt)}` : undefined;
  const sms = delivery.smsSentAt ? `by SMS at ${at(delivery.smsSentAt)}` : undefined;
  if (delivery.status === 'sending')
    return email ? `${email}; sending the SMS…` : 'Sending your tickets by email…';
  if (delivery.status === 'sent') return `${[email, sms].filter(Boolean).join(' and ')}.`;
  return email
    ? `${email}. We could not send the SMS.`
    : 'We could not send your tickets by email. You can show this page or the PDF at the door, or try sending them again.';
}

/**
 * Where the confirmation is: sending, sent, or failed. While sending, htmx asks again every few seconds
 * and swaps the news into the live region, which announces it when it settles. The owner can have it
 * sent again; without JavaScript the page shows the state at load.
 */
export function DeliveryStatus({
  bookingId,
  delivery,
  timeZone,
  canResend,
}: {
  bookingId: string;
  delivery: Delivery;
  timeZone: string;
  canResend: boolean;
}) {
  const sending = delivery.status === 'sending';
  return (
    <div
      id="delivery"
      {...(sending
        ? {
            'data-hx-get': `/bookings/${bookingId}/delivery`,
            'data-hx-trigger': 'every 3s',
            'data-hx-swap': 'outerHTML',
          }
        : {})}
    >
      <p class="my-2">{deliveryText(delivery, timeZone)}</p>
      {canResend && !sending ? (
        <form method="post" action={`/bookings/${bookingId}/resend`}>
          <button type="submit" class="btn-quiet">
            Send my tickets again
          </button>
        </form>
      ) : null}
    </div>
  );
}
