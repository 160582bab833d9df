import { formatTime } from '../../lib/time';
import type { Delivery } from './service';

/**
 * Where the confirmation is: sending (re-asked every few seconds with htmx until it settles), sent, or
 * failed. The owner can have it sent again; without JavaScript the page shows the state at load.
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
  const at = (iso: string | undefined) => (iso ? formatTime(new Date(iso), timeZone) : '');
  return (
    <div
      id="delivery"
      {...(sending
        ? { 'hx-get': `/bookings/${bookingId}/delivery`, 'hx-trigger': 'every 3s', 'hx-swap': 'outerHTML' }
        : {})}
    >
      <p class="my-2">
        {sending
          ? 'Sending your tickets by email…'
          : delivery.status === 'sent'
            ? `Sent by email at ${at(delivery.emailSentAt)}${delivery.smsSentAt ? ` and by SMS at ${at(delivery.smsSentAt)}` : ''}.`
            : 'We could not send your tickets by email. You can show this page or the PDF at the door, or try sending them again.'}
      </p>
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
