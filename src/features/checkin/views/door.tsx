import type { DoorVerdict } from '../service';

function Verdict({ verdict }: { verdict: DoorVerdict }) {
  const tone =
    verdict.kind === 'admit'
      ? 'border-green-800 text-green-900'
      : verdict.kind === 'already'
        ? 'border-amber-700 text-amber-900'
        : 'border-red-800 text-red-800';
  return (
    <div role="alert" class={`card border-4 mb-4 ${tone}`}>
      <p class="m-0 text-2xl font-bold">{verdict.headline}</p>
      {verdict.kind === 'refused' ? <p class="mb-0 font-semibold">{verdict.reason}</p> : null}
      {verdict.kind === 'admit' ? (
        <p class="mb-0">
          {verdict.booking.id} ·{' '}
          {verdict.booking.payment.status === 'paid' ? (
            verdict.payment
          ) : (
            <strong class="text-lg">{verdict.payment}.</strong>
          )}
        </p>
      ) : null}
      {verdict.kind === 'already' ? (
        <p class="mb-0">Booking {verdict.booking.id}. Do not admit again.</p>
      ) : null}
    </div>
  );
}

/**
 * The door screen for one showtime: the verdict of the last scan, then the form for the next. A typed
 * code works without JavaScript; src/client/door-scanner.ts adds the camera where BarcodeDetector exists.
 */
export function DoorPage({
  showId,
  title,
  when,
  verdict,
}: {
  showId: string;
  title: string;
  when: string;
  verdict?: DoorVerdict | undefined;
}) {
  return (
    <article aria-labelledby="door-title" class="max-w-xl">
      <h1 id="door-title" class="mt-0 text-2xl font-bold">
        Check-in: {title}
      </h1>
      <p class="mt-0">{when}</p>
      {verdict ? <Verdict verdict={verdict} /> : null}
      <form method="post" action={`/door/${showId}`} class="card flex flex-col gap-3" data-door>
        <div>
          <label class="label" for="ticket-code">
            Ticket code
          </label>
          <input
            id="ticket-code"
            name="code"
            type="text"
            maxlength={600}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            class="field font-mono"
            aria-describedby="ticket-code-hint"
            autofocus
          />
          <p id="ticket-code-hint" class="mt-1 mb-0 text-sm text-slate-700">
            Scan the QR code, or type the code printed under it.
          </p>
        </div>
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn">
            Check ticket
          </button>
        </div>
      </form>
    </article>
  );
}
