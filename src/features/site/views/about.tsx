export function About() {
  return (
    <article class="max-w-2xl">
      <h1 class="mt-0 text-3xl font-bold">About Movie Magic</h1>
      <p>
        Movie Magic is an open cinema ticket booking site built to work for everyone: on a slow phone
        connection, with a screen reader or keyboard alone, and with JavaScript switched off.
      </p>
      <h2 class="text-xl font-bold">What we promise</h2>
      <ul>
        <li>
          Pages are small and served from our own server: no trackers, no web fonts, no third-party scripts.
        </li>
        <li>
          Every seat is a real form control with a spoken name, and every step works without JavaScript.
        </li>
        <li>A seat is never sold twice, and you are never charged without seats.</li>
        <li>
          Showtimes are shown in the cinema's local time, with the time zone when it differs from yours.
        </li>
      </ul>
      <h2 class="text-xl font-bold">Accessibility</h2>
      <p>
        If any part of the site does not work for you, please{' '}
        <a class="link" href="/contact">
          tell us
        </a>
        . Choose "Accessibility" as the topic and we will answer.
      </p>
    </article>
  );
}
