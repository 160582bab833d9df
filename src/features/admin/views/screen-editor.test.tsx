import { describe, expect, it } from 'vitest';
import { parseLayoutText } from '../../catalog/layout-text';
import type { Screen, Theater } from '../../catalog/model';
import { PreviewBody, previewSummary } from './layout-preview';
import { editorPath, ScreenEditorPage, STARTER_LAYOUT } from './screen-editor';

const theater: Theater = {
  id: 'harbour-lights-colaba',
  cityId: 'mumbai',
  name: 'Harbour Lights Cinema, Colaba',
  address: 'Colaba',
  timeZone: 'Asia/Kolkata',
};

const TEXT = 'S = standard "Standard"\nW = standard wheelchair\nA: WSS_SS\nB: SSSS\n';
const parsed = parseLayoutText(TEXT);
if (!parsed.ok) throw new Error('bad test layout');
const screen: Screen = {
  id: 'harbour-lights-colaba-3',
  theaterId: theater.id,
  name: 'Screen <3>',
  categories: parsed.categories,
  layout: parsed.layout,
  seatCount: 9,
  version: 4,
};

const page = (props: Partial<Parameters<typeof ScreenEditorPage>[0]> = {}) =>
  String(
    <ScreenEditorPage
      theater={theater}
      values={{}}
      errors={{}}
      result={undefined}
      cacheSeconds={30}
      {...props}
    />,
  );

describe('the preview summary', () => {
  it('says what to do, how many mistakes, or what the layout holds', () => {
    expect(previewSummary(undefined)).toBe('Write a layout, then preview it to see its seat map here.');
    expect(previewSummary(parseLayoutText('A: X\nB: Y'))).toBe(
      'The layout has 2 mistakes, listed below with their line and column.',
    );
    expect(previewSummary(parsed)).toBe('2 rows and 9 seats (Standard 9), numbered from the left.');
    expect(previewSummary(parseLayoutText(`numbering: right-to-left\n${TEXT}`))).toContain(
      'numbered from the right',
    );
  });

  it('lists each mistake as a link to the text, with its line and column for the caret', () => {
    const html = String(<PreviewBody result={parseLayoutText(`${TEXT}C: SXS\n`)} name="" />);
    expect(html).toContain(
      '<a class="link text-red-800" href="#screen-layout" data-line="5" data-column="5">Row C, column 5:',
    );
    expect(html).not.toContain('Seat map');
  });

  it('keeps the list of mistakes in the page, empty, when there are none, beside the seat map', () => {
    const html = String(<PreviewBody result={parsed} name="Screen 3" />);
    expect(html).toContain('<div id="layout-errors"></div>');
    expect(html).toContain('<section aria-label="Seat map"');
    expect(html.match(/type="checkbox"/g)).toHaveLength(9);
  });
});

describe('the screen editor', () => {
  it('adds a screen from a short name and the starter layout, with a live preview on the text', () => {
    const html = page({ values: { layout: STARTER_LAYOUT }, result: parseLayoutText(STARTER_LAYOUT) });
    expect(html).toContain('<form method="post" action="/admin/screens/harbour-lights-colaba/new"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('id="screen-id" name="id"');
    expect(html).not.toContain('name="version"');
    expect(html).not.toContain('Download the saved layout');
    expect(html).toContain('data-hx-post="/admin/screens/preview"');
    expect(html).toContain('data-hx-target="#preview-body"');
    expect(html).toContain('<p id="preview-status" role="status"');
    expect(html).toContain('aria-describedby="screen-layout-hint layout-errors"');
  });

  it('edits a screen at the version it was opened at, and offers its JSON', () => {
    const html = page({ screen, values: { name: screen.name, version: '4', layout: TEXT }, upcoming: 1 });
    expect(html).toContain(`action="${editorPath(theater.id, screen.id)}"`);
    expect(html).toContain('<input type="hidden" name="version" value="4"/>');
    expect(html).not.toContain('name="id"');
    expect(html).toContain('Edit Screen &lt;3&gt;');
    expect(html).toContain('layout version 4 · 9 seats · 1 upcoming showtime uses it.');
    expect(html).toContain(`href="${editorPath(theater.id, screen.id)}/layout.json"`);
  });

  it('marks the text invalid beside it, and opens the import section on a JSON mistake', () => {
    const html = page({
      screen,
      values: { layout: TEXT },
      errors: { layout: 'The layout has a mistake.' },
      jsonErrors: [{ path: 'rows[0].label', message: 'A row label is one to three capital letters.' }],
    });
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="screen-layout-hint screen-layout-error layout-errors"');
    expect(html).toContain('<p id="screen-layout-error" class="field-error">The layout has a mistake.</p>');
    expect(html).toContain('<details class="card" open="">');
    expect(html).toContain('<code>rows[0].label</code>: A row label is one to three capital letters.');
  });
});
