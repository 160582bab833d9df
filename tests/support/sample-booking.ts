import type { Booking } from '../../src/features/booking/model';

/** The booking the tickets tests share: two categories, a fee with GST, paid. */
export const booking: Booking = {
  id: 'MM-7KQ2-X9RD-4PZT',
  userId: 'user-1',
  showId: 'harbour-lights-colaba-1-20261124-1930',
  movieId: 'kaveri-express',
  movieTitle: 'Kaveri Express',
  theaterId: 'harbour-lights-colaba',
  theaterName: 'Harbour Lights Colaba',
  theaterAddress: '12 Shahid Bhagat Singh Road, Colaba, Mumbai 400005',
  timeZone: 'Asia/Kolkata',
  screenName: 'Screen 1',
  startsAt: '2026-11-24T14:00:00.000Z',
  seats: [
    { id: 'C7', category: 'premium', categoryName: 'Premium' },
    { id: 'C8', category: 'premium', categoryName: 'Premium' },
    { id: 'A1', category: 'standard', categoryName: 'Standard' },
  ],
  price: {
    currency: 'INR',
    tickets: [
      { category: 'premium', name: 'Premium', count: 2, unitPrice: 32000, amount: 64000 },
      { category: 'standard', name: 'Standard', count: 1, unitPrice: 18000, amount: 18000 },
    ],
    fee: 9000,
    feePerTicket: 3000,
    tax: 1620,
    taxName: 'GST',
    taxBasisPoints: 1800,
    total: 92620,
  },
  payment: { provider: 'demo', status: 'paid' },
  createdAt: '2026-11-20T09:15:00.000Z',
};
