import type { SetupProgress } from '../../catalog/service';

type Step = { done: boolean; href: string; label: string; detail: string };

/** Every back-office page, in the order a cinema is set up and then run. */
const pageLinks = [
  { href: '/admin/theaters', label: 'Theaters', detail: "the chain's cities and theaters.", adminOnly: true },
  {
    href: '/admin/screens',
    label: 'Screens',
    detail: 'the screens of your theaters and their seat layouts.',
  },
  { href: '/admin/films', label: 'Films', detail: "the chain's films, their details and posters." },
  {
    href: '/admin/price-cards',
    label: 'Price cards',
    detail: "each theater's named prices per seat category.",
  },
  {
    href: '/admin/showtimes',
    label: 'Showtimes',
    detail: "scheduling, and each showtime's sales switch, seat blocks, time change and cancellation.",
  },
  {
    href: '/admin/payments',
    label: 'Payments',
    detail: 'what was charged and refunded online by day, the failures to act on, and a CSV download.',
  },
  {
    href: '/admin/audit',
    label: 'Audit log',
    detail: 'every back-office change, who made it and what it changed.',
  },
  { href: '/door', label: 'The door', detail: 'checking tickets in.' },
];

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
      <h2 class="text-xl font-bold">Back office</h2>
      <ul class="grid gap-2 pl-6">
        {(admin ? pageLinks : pageLinks.filter((page) => !page.adminOnly)).map((page) => (
          <li>
            <a class="link" href={page.href}>
              {page.label}
            </a>
            : {page.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
