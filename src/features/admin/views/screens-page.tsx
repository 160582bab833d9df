import { StatusNotice } from '../../../web/forms';
import type { Screen, Theater } from '../../catalog/model';
import { editorPath } from './screen-editor';

/** The screens of the theaters a manager runs (an admin: every theater), each with a way to add one. */
export function ScreensPage({
  theaters,
  notice,
}: {
  theaters: { theater: Theater; screens: Screen[] }[];
  notice?: string | undefined;
}) {
  return (
    <section aria-labelledby="screens-title">
      <h1 id="screens-title" class="mt-0 text-3xl font-bold">
        Screens
      </h1>
      <StatusNotice message={notice} />
      {theaters.length === 0 ? <p>No theater is assigned to your account yet. Ask an admin.</p> : null}
      {theaters.map(({ theater, screens }) => (
        <section aria-labelledby={`screens-of-${theater.id}`} class="mb-6">
          <h2 id={`screens-of-${theater.id}`} class="text-xl font-bold">
            {theater.name}
          </h2>
          {screens.length === 0 ? (
            <p>No screens yet.</p>
          ) : (
            <ul class="list-none p-0 m-0 grid gap-3">
              {screens.map((screen) => (
                <li class="border-b border-slate-300 pb-3">
                  <a class="link font-semibold" href={editorPath(theater.id, screen.id)}>
                    {screen.name}
                  </a>
                  <br />
                  <span class="text-sm text-slate-700">
                    {screen.seatCount} seats · {screen.categories.map((c) => c.name).join(', ')} · layout
                    version {screen.version ?? 1}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a class="link" href={editorPath(theater.id)}>
              Add a screen to {theater.name}
            </a>
          </p>
        </section>
      ))}
    </section>
  );
}
