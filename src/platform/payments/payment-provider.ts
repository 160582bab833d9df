import type { Money } from '../money';

/** Whether a booking's money has been taken. */
export type PaymentStatus = 'unpaid' | 'paid';

/**
 * Where money is taken. The booking flow is hold → charge → confirm: a charge that succeeds after its
 * hold expired is refunded and the customer told. A card provider fits this port without changing it.
 */
export type PaymentProvider = {
  id: string;
  /** How the choice reads to a customer. */
  label: string;
  charge(input: { bookingId: string; userId: string; amount: Money }): Promise<{
    status: PaymentStatus;
    reference?: string;
  }>;
  /** Gives back a charge whose booking could not be confirmed. */
  refund(reference: string): Promise<void>;
};

/** Pay at the box office: nothing is charged online; the booking is confirmed and marked unpaid. */
export const boxOffice: PaymentProvider = {
  id: 'box-office',
  label: 'Pay at the box office',
  charge: async () => ({ status: 'unpaid' }),
  refund: async () => {},
};
