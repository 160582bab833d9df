import { type Context, Hono } from 'hono';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { assets } from '../../generated/assets';
import { AppError, type FieldErrors } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { type FormValues, fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { addScreen, screensByTheater, theaterForNewScreen } from '../catalog/back-office';
import { type LayoutJsonError, layoutToJson, parseLayoutJson } from '../catalog/layout-json';
import { layoutToText, parseLayoutText } from '../catalog/layout-text';
import type { Screen, Theater } from '../catalog/model';
import { editScreen, screenEditor } from '../screens/service';
import { LAYOUT_FIELD_CHARS, newScreenSchema, screenEditSchema } from './screen-forms';
import { LayoutPreview, PreviewBody, PreviewStatusUpdate } from './views/layout-preview';
import {
  editorPath,
  PREVIEW_PATH,
  ScreenEditorPage,
  type ScreenEditorProps,
  STARTER_LAYOUT,
} from './views/screen-editor';
import { ScreensPage } from './views/screens-page';

/*
 * The back office's screens (docs/seat-layouts.md): the list of a manager's screens, the form that adds
 * one, the editor, its live preview and the JSON download. Every form posts to its own page; the button
 * pressed says what to do: preview, import a JSON layout into the text, or save.
 */

type Intent = 'preview' | 'import' | 'save';
type EditorForm = { values: FormValues; intent: Intent; body: Record<string, unknown> };

const MAX_LISTED_JSON_ERRORS = 20;

/** The editor's fields as sent, each cut to a length the page can show again, and the button pressed. */
async function readEditorForm(c: Context): Promise<EditorForm> {
  const body = await c.req.parseBody();
  const field = (name: string, max = 300) => {
    const value = body[name];
    return typeof value === 'string' ? value.slice(0, max) : undefined;
  };
  const values = {
    name: field('name'),
    id: field('id'),
    version: field('version', 20),
    // Browsers send a textarea's lines ended by CR LF; the page shows them again as typed.
    layout: field('layout', LAYOUT_FIELD_CHARS)?.replace(/\r\n?/g, '\n'),
  };
  const intent = body.intent === 'preview' || body.intent === 'import' ? body.intent : 'save';
  return { values, intent, body };
}

const readLayout = (text: string | undefined) => (text?.trim() ? parseLayoutText(text) : undefined);

/** The JSON layout of the import section turned into text in `values`, or its mistakes. */
async function importJson(
  form: EditorForm,
): Promise<{ values: FormValues; jsonErrors: LayoutJsonError[]; notice?: string }> {
  const { body, values } = form;
  const file = body.file instanceof File && body.file.size > 0 ? await body.file.text() : '';
  const json = file || (typeof body.json === 'string' ? body.json : '');
  if (!json.trim()) {
    return {
      values,
      jsonErrors: [{ path: '', message: 'Choose a JSON file or paste the JSON, then import.' }],
    };
  }
  const parsed = parseLayoutJson(json);
  if (!parsed.ok) {
    const errors = parsed.errors.slice(0, MAX_LISTED_JSON_ERRORS);
    const more = parsed.errors.length - errors.length;
    if (more > 0) errors.push({ path: '', message: `and ${more} more mistakes.` });
    return { values, jsonErrors: errors };
  }
  return {
    values: {
      ...values,
      layout: layoutToText(parsed),
      name: values.name?.trim() || parsed.name || values.name,
    },
    jsonErrors: [],
    notice: 'The layout from the JSON is in the text below. Check the preview, then save.',
  };
}

/** The mistakes of a form to save, beside its fields: the layout's own are listed under the preview. */
function saveErrors(
  parsed: { success: true } | { success: false; error: Parameters<typeof fieldErrors>[0] },
  layout: ReturnType<typeof readLayout>,
): FieldErrors {
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!layout) errors.layout = 'Write the layout: the legend, then one line per row.';
  else if (!layout.ok) {
    const count = layout.errors.length;
    errors.layout = `The layout has ${count === 1 ? 'a mistake' : `${count} mistakes`}, listed under Preview with ${count === 1 ? 'its' : 'their'} line and column.`;
  }
  return errors;
}

const savedNotice = (moved: string | undefined) => {
  const count = Number(moved ?? 0);
  if (!Number.isInteger(count) || count <= 0) return 'The screen is saved.';
  return `The screen is saved. ${count} upcoming ${count === 1 ? 'showtime uses' : 'showtimes use'} the new layout.`;
};

const notices: Record<string, (c: Context) => string> = {
  created: () => 'The screen is added.',
  saved: (c) => savedNotice(c.req.query('moved')),
  unchanged: () => 'Nothing had changed, so nothing was saved.',
};

export function screensRoutes() {
  const app = new Hono();

  const editorPage = (
    c: Context,
    props: Omit<ScreenEditorProps, 'cacheSeconds'>,
    status: 200 | 400 | 409 = 200,
  ) => {
    const title = props.screen ? `Edit ${props.screen.name}` : 'Add a screen';
    const cacheSeconds = Math.round(c.var.deps.config.catalogCacheMs / 1000);
    return noStore(
      render(c, title, <ScreenEditorPage {...props} cacheSeconds={cacheSeconds} />, {
        status,
        scripts: [assets.layoutErrors],
      }),
    );
  };

  /** A preview or an import: the form again, with what was typed, nothing saved. */
  const unsaved = async (
    c: Context,
    form: EditorForm,
    context: { theater: Theater; screen?: Screen; upcoming?: number },
  ) => {
    if (form.intent === 'import') {
      const imported = await importJson(form);
      const status = imported.jsonErrors.length > 0 ? 400 : 200;
      return editorPage(
        c,
        { ...context, ...imported, errors: {}, result: readLayout(imported.values.layout) },
        status,
      );
    }
    return editorPage(c, {
      ...context,
      values: form.values,
      errors: {},
      result: readLayout(form.values.layout),
    });
  };

  app.get('/admin/screens', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const theaters = await screensByTheater(c.var.deps, actor);
    return noStore(render(c, 'Screens', <ScreensPage theaters={theaters} />));
  });

  app.post(PREVIEW_PATH, async (c) => {
    requireRole(c, 'manager', 'admin');
    const { values } = await readEditorForm(c);
    const result = readLayout(values.layout);
    const name = values.name ?? '';
    const fragment = (
      <>
        <PreviewBody result={result} name={name} />
        <PreviewStatusUpdate result={result} />
      </>
    );
    return noStore(render(c, 'Preview', <LayoutPreview result={result} name={name} />, { fragment }));
  });

  app.get('/admin/screens/:theaterId/new', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const theater = await theaterForNewScreen(c.var.deps, actor, c.req.param('theaterId'));
    const values = { layout: STARTER_LAYOUT };
    return editorPage(c, { theater, values, errors: {}, result: readLayout(STARTER_LAYOUT) });
  });

  app.post('/admin/screens/:theaterId/new', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const theater = await theaterForNewScreen(c.var.deps, actor, c.req.param('theaterId'));
    const form = await readEditorForm(c);
    if (form.intent !== 'save') return unsaved(c, form, { theater });
    const { values } = form;
    const parsed = newScreenSchema.safeParse(form.body);
    const result = readLayout(values.layout);
    const errors = saveErrors(parsed, result);
    if (!parsed.success || !result?.ok) return editorPage(c, { theater, values, errors, result }, 400);
    try {
      const screen = await addScreen(c.var.deps, actor, {
        theaterId: theater.id,
        shortId: parsed.data.id,
        name: parsed.data.name,
        categories: result.categories,
        layout: result.layout,
      });
      return c.redirect(`${editorPath(theater.id, screen.id)}?done=created`, 303);
    } catch (error) {
      if (!AppError.match(error, 'conflict') && !AppError.match(error, 'bad_request')) throw error;
      const status = statusFor(error) as 400 | 409;
      return editorPage(c, { theater, values, errors: error.fields, result }, status);
    }
  });

  app.get('/admin/screens/:theaterId/:screenId', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const { theater, screen, text, upcoming } = await screenEditor(
      c.var.deps,
      actor,
      c.req.param('theaterId'),
      c.req.param('screenId'),
    );
    const values = { name: screen.name, version: String(screen.version ?? 1), layout: text ?? '' };
    const done = notices[c.req.query('done') ?? ''];
    return editorPage(c, {
      theater,
      screen,
      upcoming,
      values,
      errors: {},
      result: readLayout(text),
      notice: done?.(c),
      warning: text === undefined ? NOT_TEXT : undefined,
    });
  });

  app.post('/admin/screens/:theaterId/:screenId', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const theaterId = c.req.param('theaterId');
    const screenId = c.req.param('screenId');
    const { theater, screen, upcoming } = await screenEditor(c.var.deps, actor, theaterId, screenId);
    const form = await readEditorForm(c);
    const context = { theater, screen, upcoming };
    if (form.intent !== 'save') return unsaved(c, form, context);
    return saveEdit(c, actor, form, context);
  });

  /** Saves an edit: back to the editor with a notice, or the form again with why not. */
  const saveEdit = async (
    c: Context,
    actor: SessionUser,
    form: EditorForm,
    context: { theater: Theater; screen: Screen; upcoming: number },
  ) => {
    const { values } = form;
    const parsed = screenEditSchema.safeParse(form.body);
    const result = readLayout(values.layout);
    const errors = saveErrors(parsed, result);
    if (!parsed.success || !result?.ok) return editorPage(c, { ...context, values, errors, result }, 400);
    try {
      const outcome = await editScreen(c.var.deps, actor, {
        theaterId: context.theater.id,
        screenId: context.screen.id,
        version: parsed.data.version,
        name: parsed.data.name,
        categories: result.categories,
        layout: result.layout,
      });
      const path = editorPath(context.theater.id, context.screen.id);
      if (outcome.kept.length === 0) {
        const done = outcome.changed ? `saved&moved=${outcome.moved}` : 'unchanged';
        return c.redirect(`${path}?done=${done}`, 303);
      }
      // Saved, but some showtimes keep the earlier layout: said on the page, not after a redirect.
      const screen = outcome.screen;
      const kept = outcome.kept.map((k) => `${k.label} (${k.seats.join(', ') || 'changed meanwhile'})`);
      return editorPage(c, {
        ...context,
        screen,
        values: { name: screen.name, version: String(screen.version ?? 1), layout: values.layout },
        errors: {},
        result,
        notice: savedNotice(String(outcome.moved)),
        warning: `These showtimes keep the earlier layout, because seats this edit changes were taken while it was saved: ${kept.join('; ')}.`,
      });
    } catch (error) {
      if (!AppError.match(error, 'conflict') && !AppError.match(error, 'bad_request')) throw error;
      const status = statusFor(error) as 400 | 409;
      return editorPage(c, { ...context, values, errors: error.fields, result }, status);
    }
  };

  app.get('/admin/screens/:theaterId/:screenId/layout.json', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const { screen } = await screenEditor(
      c.var.deps,
      actor,
      c.req.param('theaterId'),
      c.req.param('screenId'),
    );
    c.header('Content-Disposition', `attachment; filename="${screen.id}.json"`);
    return noStore(c.body(layoutToJson(screen), 200, { 'Content-Type': 'application/json; charset=utf-8' }));
  });

  return app;
}

const NOT_TEXT =
  'This layout cannot be written as text (its seats are not numbered 1, 2, 3… from one side of every row). Import a JSON layout to replace it, or write a new one.';
