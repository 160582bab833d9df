import type { PriceBreakdown } from '../model';
import { plural, priceLines } from '../wording';

/** Tickets by category, the fee and its tax, and the total: the server's own arithmetic. */
export function PriceTable({ price, locale }: { price: PriceBreakdown; locale?: string | undefined }) {
  const lines = priceLines(price, locale);
  return (
    <table class="border-collapse my-2">
      <tbody>
        {lines.map((line, i) =>
          i === lines.length - 1 ? (
            <tr class="border-t-2 border-slate-500 font-bold">
              <th scope="row" class="text-left pr-6 py-0.5">
                {line.label}
              </th>
              <td class="text-right whitespace-nowrap">{line.amount}</td>
            </tr>
          ) : (
            <tr>
              <th scope="row" class="text-left font-normal pr-6 py-0.5">
                {line.label}
              </th>
              <td class="text-right whitespace-nowrap">{line.amount}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

/** What the chosen seats cost; htmx swaps it in as seats are checked. */
export function SelectionSummary({
  seats,
  price,
  locale,
}: {
  seats: string[];
  price: PriceBreakdown;
  locale: string;
}) {
  if (seats.length === 0) return <p class="my-2">No seats chosen yet.</p>;
  return (
    <>
      <p class="my-2">
        <strong>{plural(seats.length, 'seat')} chosen:</strong> {seats.join(', ')}
      </p>
      <PriceTable price={price} locale={locale} />
    </>
  );
}
