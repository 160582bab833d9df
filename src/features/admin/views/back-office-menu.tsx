import type { SetupProgress } from '../../catalog/service';

type Step = { done: boolean; href: string; label: string; detail: string };

/**
 * The back office's way in: the steps that open a cinema, each marked done or to do from what the
 * catalogue holds, then the pages that run it. Admins see the chain's steps, managers their theaters'.
 */
export function BackOfficeMenu({ progress, admin }: { progress: SetupProgress; admin: boolean }) {
  const steps: Step[] = [
    ...(admin
      ? [
          {
            done: progress.theaters > 0,
            href: '/admin/theaters',
            label: 'Add a city and a theater',
            detail: `${progress.theaters} ${progress.theaters === 1 ? 'theater' : 'theaters'} so far. Then make its manager with the role form below.`,
          },
        ]
      : []),
    {
      done: progress.screens > 0,
      href: '/admin/screens',
      label: 'Add a screen and its seat layout',
      detail: `${progress.screens} ${progress.screens === 1 ? 'screen' : 'screens'} so far.`,
    },
    {
      done: progress.films > 0,
      href: '/admin/films',
      label: 'Add the films you show, with posters',
      detail: `${progress.films} ${progress.films === 1 ? 'film' : 'films'} so far.`,
    },
    {
      done: progress.upcomingShowtimes > 0,
      href: '/admin/showtimes',
      label: 'Make a price card and schedule a week of showtimes',
      detail: `${progress.upcomingShowtimes} upcoming ${progress.upcomingShowtimes === 1 ? 'showtime' : 'showtimes'}.`,
    },
  ];
  return (
    <section aria-labelledby="back-office-title">
      <h2 id="back-office-title" class="text-xl font-bold">
        Opening a cinema
      </h2>
      <ol class="grid gap-2 pl-6">
        {steps.map((step) => (
          <li>
            <a class="link font-semibold" href={step.href}>
              {step.label}
            </a>{' '}
            <strong>{step.done ? '(done)' : '(to do)'}</strong>
            <br />
            <span class="text-sm text-slate-700">{step.detail}</span>
          </li>
        ))}
      </ol>
      <h2 class="text-xl font-bold">Running it</h2>
      <ul class="grid gap-2 pl-6">
        <li>
          <a class="link" href="/admin/showtimes">
            Showtimes
          </a>
          : each one's sales switch, seat blocks, time change and cancellation.
        </li>
        <li>
          <a class="link" href="/admin/price-cards">
            Price cards
          </a>
          : named prices per seat category, reused by showtimes.
        </li>
        <li>
          <a class="link" href="/door">
            The door
          </a>
          : check tickets in.
        </li>
      </ul>
    </section>
  );
}
