import type { SchedulePage as PageData } from '../service';
import { BatchForm, type BatchFormState } from './batch-form';
import { CacheNote, TheaterChooser } from './theater-chooser';
import { UpcomingShowtimes } from './upcoming';

/** The schedule of a theater: the form that schedules showtimes, then the showtimes by day. */
export function SchedulePage({
  page,
  form,
  cacheSeconds,
}: {
  page: PageData;
  form: BatchFormState;
  cacheSeconds: number;
}) {
  return (
    <section aria-labelledby="schedule-title">
      <h1 id="schedule-title" class="mt-0 text-3xl font-bold">
        Showtimes
      </h1>
      <TheaterChooser action="/admin/showtimes" theaters={page.theaters} chosen={page.setup.theater} />
      <h2 class="text-xl font-bold">Schedule showtimes</h2>
      <CacheNote cacheSeconds={cacheSeconds} what="new showtimes" />
      <BatchForm page={page} form={form} />
      <UpcomingShowtimes page={page} />
    </section>
  );
}
