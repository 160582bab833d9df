import type { City, Screen, Showtime } from '../catalog/model';
import type { Booking, PriceBreakdown } from './model';

/**
 * The breakdown for seats of a showtime, from the showtime's own prices and the city's fee settings:
 * never from the request. Tax is rounded half up to the minor unit, once, on the whole fee.
 */
export function priceSeats(
  show: Showtime,
  screen: Screen,
  city: City | undefined,
  seats: { id: string; category: string }[],
): PriceBreakdown {
  const names = new Map(screen.categories.map((c) => [c.id, c.name]));
  const counts = new Map<string, number>();
  for (const seat of seats) counts.set(seat.category, (counts.get(seat.category) ?? 0) + 1);
  const tickets = screen.categories.flatMap((category) => {
    const count = counts.get(category.id) ?? 0;
    const unitPrice = show.prices.find((p) => p.category === category.id)?.amount;
    if (count === 0 || unitPrice === undefined) return [];
    return [
      {
        category: category.id,
        name: names.get(category.id) ?? category.id,
        count,
        unitPrice,
        amount: count * unitPrice,
      },
    ];
  });
  const feePerTicket = city?.fees?.perTicket ?? 0;
  const taxBasisPoints = city?.fees?.taxBasisPoints ?? 0;
  const fee = feePerTicket * seats.length;
  const tax = Math.floor((fee * taxBasisPoints + 5_000) / 10_000);
  const ticketTotal = tickets.reduce((sum, line) => sum + line.amount, 0);
  return {
    currency: show.currency,
    tickets,
    fee,
    feePerTicket,
    tax,
    taxName: city?.fees?.taxName ?? 'Tax',
    taxBasisPoints,
    total: ticketTotal + fee + tax,
  };
}

/**
 * The breakdown of a booking's `seats` that stay when others are cancelled: the prices, fee and tax rate it
 * was bought at, applied to fewer seats (tax again rounded once on the whole fee). What the cancelled seats
 * cost is the difference of the totals, so their share of the fee and tax is never counted twice.
 */
export function priceOfSeatsLeft(
  booking: Pick<Booking, 'price'>,
  left: { category: string }[],
): PriceBreakdown {
  const { price } = booking;
  const tickets = price.tickets.flatMap((line) => {
    const count = left.filter((seat) => seat.category === line.category).length;
    return count === 0 ? [] : [{ ...line, count, amount: count * line.unitPrice }];
  });
  const fee = price.feePerTicket * left.length;
  const tax = Math.floor((fee * price.taxBasisPoints + 5_000) / 10_000);
  const ticketTotal = tickets.reduce((sum, line) => sum + line.amount, 0);
  return { ...price, tickets, fee, tax, total: ticketTotal + fee + tax };
}
