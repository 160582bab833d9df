import { formatMoney } from '../../platform/money';
import type { Payment } from './model';

/** A payment that came too late for its seats: what happens to the money, and the way back to the seats. */
export function PaymentRefunded({ payment }: { payment: Payment }) {
  const amount = formatMoney({ amount: payment.amount, currency: payment.currency });
  return (
    <article aria-labelledby="refund-title" class="max-w-2xl">
      <h1 id="refund-title" class="mt-0 text-3xl font-bold">
        Your payment is being refunded
      </h1>
      <p class="card font-semibold" role="status">
        Your payment of {amount} arrived, but the seats {payment.seats.join(', ')} could no longer be booked:
        your hold had ended and they went to someone else, or the showtime changed. We are refunding the whole{' '}
        {amount}; you will get an email when it is on its way, and banks usually show it within 5 to 7 working
        days.
      </p>
      <p>
        <a class="link" href={`/showtimes/${payment.showId}`}>
          Choose seats again
        </a>
      </p>
    </article>
  );
}
