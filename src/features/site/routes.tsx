import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../platform/errors';
import { fieldErrors } from '../../web/forms';
import { render } from '../../web/render';
import { contactTopics } from './model';
import { checkHealth, submitContact } from './service';
import { About } from './views/about';
import { ContactForm, ContactThanks } from './views/contact';

const contactSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100, 'Keep your name to 100 characters or fewer.'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address so we can reply.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  topic: z.enum(Object.keys(contactTopics) as [keyof typeof contactTopics], 'Choose a topic from the list.'),
  message: z
    .string()
    .trim()
    .min(10, 'Write at least 10 characters so we can help.')
    .max(2000, 'Keep the message to 2,000 characters or fewer.'),
});

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 2000) : undefined);

export function siteRoutes() {
  const app = new Hono();

  app.get('/about', (c) => render(c, 'About', <About />));

  app.get('/contact', (c) => render(c, 'Contact us', <ContactForm values={{}} errors={{}} />));

  app.post('/contact', async (c) => {
    const body = await c.req.parseBody();
    const values = {
      name: text(body.name),
      email: text(body.email),
      topic: text(body.topic),
      message: text(body.message),
    };
    const again = (errors: FieldErrors, message?: string, status: 400 | 429 = 400) =>
      render(c, 'Contact us', <ContactForm values={values} errors={errors} message={message} />, { status });
    const parsed = contactSchema.safeParse(body);
    if (!parsed.success) return again(fieldErrors(parsed.error));
    let reference: string;
    try {
      reference = await submitContact(c.var.deps, parsed.data, c.var.clientIp);
    } catch (error) {
      if (!AppError.match(error, 'rate_limited')) throw error;
      // The form again with what they wrote, so nothing typed is lost while they wait.
      c.header('Retry-After', String(error.retryAfterSeconds ?? 60));
      return again({}, `${error.message} Your message is below, ready to send.`, 429);
    }
    return c.redirect(`/contact/thanks?ref=${reference.slice(0, 8)}`, 303);
  });

  app.get('/contact/thanks', (c) => {
    const ref = c.req.query('ref');
    const reference = ref && /^[0-9a-f]{8}$/.test(ref) ? ref : undefined;
    return render(c, 'Message sent', <ContactThanks reference={reference} />);
  });

  app.get('/healthz', async (c) => {
    try {
      await checkHealth(c.var.deps);
      return c.json({ status: 'ok', database: 'reachable' }, 200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      if (!AppError.match(error, 'unavailable')) throw error;
      c.var.deps.log.warn('health check failed', { error: error.message });
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503, { 'Cache-Control': 'no-store' });
    }
  });

  return app;
}
