import { SeatGrid, SeatKey } from '../../booking/views/seat-grid';
import type { LayoutTextResult } from '../../catalog/layout-text';
import type { Screen } from '../../catalog/model';

/*
 * The preview of a layout being edited: the seat map moviegoers will see, drawn from the text as it is
 * now, or the mistakes in the text, each with its line and column and a link back to the text. A page
 * shows the whole section; htmx's live preview gets the body and, out of band, the status line, whose
 * element stays in place so screen readers announce the new text politely.
 */

/** The id of the layout textarea, which the errors link to and which they describe. */
export const LAYOUT_FIELD = 'screen-layout';
/** The id of the list of mistakes: always present, so the textarea's aria-describedby always resolves. */
export const LAYOUT_ERRORS = 'layout-errors';

/** Prices belong to showtimes, not screens: the preview says so where the seat map shows a price. */
const pricesOf = (screen: Screen) =>
  new Map(screen.categories.map((category) => [category.id, 'price set per showtime']));

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line a screen reader announces after each preview: what the layout is, or how many mistakes. */
export function previewSummary(result: LayoutTextResult | undefined): string {
  if (!result) return 'Write a layout, then preview it to see its seat map here.';
  if (!result.ok) {
    return `The layout has ${plural(result.errors.length, 'mistake')}, listed below with their line and column.`;
  }
  const seats = result.layout.rows.flatMap((row) => row.items.filter((item) => item.type === 'seat'));
  const perCategory = result.categories
    .map((c) => `${c.name} ${seats.filter((seat) => seat.category === c.id).length}`)
    .join(', ');
  const numbering = result.numbering === 'left-to-right' ? 'from the left' : 'from the right';
  return `${plural(result.layout.rows.length, 'row')} and ${plural(seats.length, 'seat')} (${perCategory}), numbered ${numbering}.`;
}

/** The mistakes as a list, each linking to the text; empty (but present) when there are none. */
function Mistakes({ result }: { result: LayoutTextResult | undefined }) {
  const errors = result && !result.ok ? result.errors : [];
  return (
    <div id={LAYOUT_ERRORS}>
      {errors.length > 0 ? (
        <ol class="m-0 pl-6 grid gap-1 text-red-800">
          {errors.map((error) => (
            <li>
              <a
                class="link text-red-800"
                href={`#${LAYOUT_FIELD}`}
                data-line={String(error.line)}
                data-column={String(error.column)}
              >
                {error.message}
              </a>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

/** What the live preview swaps in: the mistakes, or the seat map as moviegoers will see it. */
export function PreviewBody({ result, name }: { result: LayoutTextResult | undefined; name: string }) {
  const screen: Screen | undefined = result?.ok
    ? {
        id: 'preview',
        theaterId: 'preview',
        name,
        categories: result.categories,
        layout: result.layout,
        seatCount: 0,
      }
    : undefined;
  return (
    <>
      <Mistakes result={result} />
      {screen ? (
        <>
          <SeatKey layout={screen.layout} />
          <SeatGrid screen={screen} seats={new Map()} selected={new Set()} prices={pricesOf(screen)} />
        </>
      ) : null}
    </>
  );
}

/** The status line of the preview, for htmx to put into the one already on the page. */
export function PreviewStatusUpdate({ result }: { result: LayoutTextResult | undefined }) {
  return (
    <p id="preview-status" data-hx-swap-oob="innerHTML">
      {previewSummary(result)}
    </p>
  );
}

/** The preview section of the editor page. */
export function LayoutPreview({ result, name }: { result: LayoutTextResult | undefined; name: string }) {
  return (
    <section aria-labelledby="preview-title" class="mt-8">
      <h2 id="preview-title" class="text-xl font-bold">
        Preview
      </h2>
      <p id="preview-status" role="status" class="font-semibold">
        {previewSummary(result)}
      </p>
      <div id="preview-body">
        <PreviewBody result={result} name={name} />
      </div>
    </section>
  );
}
