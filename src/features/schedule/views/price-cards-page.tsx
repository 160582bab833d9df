import { formatMoney } from '../../../platform/money';
import { StatusNotice } from '../../../web/forms';
import type { TheaterSetup } from '../../catalog/back-office-reads';
import type { City, PriceCard, Theater } from '../../catalog/model';
import { type CardForm, PriceCardForm } from './price-card-form';
import { TheaterChooser } from './theater-chooser';

/** "Standard ₹250 · Premium ₹320": a card's prices in its theater's categories. */
function pricesText(card: PriceCard, setup: TheaterSetup): string {
  const name = new Map(setup.categories.map((category) => [category.id, category.name]));
  return card.prices
    .map(
      (price) =>
        `${name.get(price.category) ?? price.category} ${formatMoney({ amount: price.amount, currency: setup.city.currency }, setup.city.locale)}`,
    )
    .join(' · ');
}

/** A theater's price cards and the form that adds one: for its managers and admins. */
export function PriceCardsPage({
  theaters,
  setup,
  form,
  notice,
}: {
  theaters: { theater: Theater; city: City }[];
  setup: TheaterSetup;
  form: CardForm;
  notice?: string | undefined;
}) {
  const { theater, priceCards } = setup;
  return (
    <section aria-labelledby="cards-title">
      <h1 id="cards-title" class="mt-0 text-3xl font-bold">
        Price cards
      </h1>
      <TheaterChooser action="/admin/price-cards" theaters={theaters} chosen={theater} />
      <StatusNotice message={notice} />
      <p>
        A price card names a price for each seat category, to pick when you{' '}
        <a class="link" href={`/admin/showtimes?theater=${theater.id}`}>
          schedule showtimes
        </a>
        . A showtime copies the card's prices: editing a card changes showtimes scheduled afterwards, not
        those already scheduled. Every change is kept in the{' '}
        <a class="link" href={`/admin/audit?theater=${theater.id}`}>
          audit log
        </a>
        .
      </p>
      {priceCards.length === 0 ? (
        <p>This theater has no price cards yet: add the first one below.</p>
      ) : (
        <ul class="list-none p-0 m-0 grid gap-3">
          {priceCards.map((card) => (
            <li class="border-b border-slate-300 pb-3">
              <span class="font-semibold">{card.name}</span>
              <br />
              {pricesText(card, setup)}
              <br />
              <a class="link text-sm" href={`/admin/price-cards/${theater.id}/${card.id}`}>
                Edit<span class="sr-only"> {card.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 class="text-xl font-bold">Add a price card</h2>
      {setup.categories.length === 0 ? (
        <p>This theater has no screens yet, so no seat categories to price.</p>
      ) : (
        <PriceCardForm
          id="card"
          action="/admin/price-cards"
          theaterId={theater.id}
          categories={setup.categories}
          currency={setup.city.currency}
          form={form}
          submit="Add price card"
        />
      )}
    </section>
  );
}

/** One card's form, filled with what it holds now. */
export function EditPriceCardPage({
  setup,
  card,
  form,
}: {
  setup: TheaterSetup;
  card: PriceCard;
  form: CardForm;
}) {
  return (
    <section aria-labelledby="card-title">
      <h1 id="card-title" class="mt-0 text-3xl font-bold">
        Edit price card: {card.name}
      </h1>
      <p>
        {setup.theater.name}.{' '}
        <a class="link" href={`/admin/price-cards?theater=${setup.theater.id}`}>
          All price cards
        </a>
      </p>
      <p>Showtimes already scheduled keep the prices they were scheduled with.</p>
      <PriceCardForm
        id="edit"
        action={`/admin/price-cards/${setup.theater.id}/${card.id}`}
        theaterId={setup.theater.id}
        categories={setup.categories}
        currency={setup.city.currency}
        form={form}
        submit="Save price card"
      />
    </section>
  );
}
