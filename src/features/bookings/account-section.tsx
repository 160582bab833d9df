import type { AccountSection } from '../accounts/routes';
import { bookingsOf } from '../booking/made-bookings';
import { YourBookings } from './views/your-bookings';

/** The account page's "Your bookings" section: handed to the accounts feature by app.tsx. */
export const bookingsOnAccountPage: AccountSection = async (c, user) => {
  const bookings = await bookingsOf(c.var.deps, user);
  return (
    <>
      <h2 class="text-xl font-bold">Your bookings</h2>
      <YourBookings {...bookings} />
    </>
  );
};
