import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { postForm, signInPath } from '../../../tests/support/routes';

const app = appWithoutDatabase();

describe('scheduling for a signed-out visitor', () => {
  it('sends the schedule and the price cards to sign in, coming back to the page asked for', async () => {
    for (const path of [
      '/admin/showtimes?theater=harbour-lights-colaba',
      '/admin/price-cards',
      '/admin/price-cards/harbour-lights-colaba/harbour-lights-colaba-evening',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('Location')).toBe(signInPath(path));
    }
  });

  it('sends a batch or a card to sign in without reading it', async () => {
    for (const path of ['/admin/showtimes', '/admin/price-cards']) {
      const res = await postForm(app, path, { theater: 'harbour-lights-colaba', action: 'create' });
      expect(res.status, path).toBe(303);
      expect(res.headers.get('Location')).toBe(signInPath('/'));
    }
  });

  it('refuses a batch from another site with 403 before anything else', async () => {
    const res = await postForm(
      app,
      '/admin/showtimes',
      { action: 'create' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });
});
