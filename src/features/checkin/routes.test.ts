import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { postForm, signInPath } from '../../../tests/support/routes';

const app = appWithoutDatabase();

const SHOW = 'harbour-lights-colaba-1-20261124-1930';

const scan = (showId: string, code: string, origin = 'http://localhost') =>
  postForm(app, `/door/${showId}`, { code }, { origin });

describe('the door for a signed-out visitor', () => {
  it('sends the theater list to sign in, coming back to /door', async () => {
    const res = await app.request('/door');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath('/door'));
  });

  it("sends a theater's showtimes to sign in, coming back to that theater", async () => {
    const res = await app.request('/door/theaters/harbour-lights-colaba');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath('/door/theaters/harbour-lights-colaba'));
  });

  it("sends a showtime's door screen to sign in, coming back to it with its query", async () => {
    const res = await app.request(`/door/${SHOW}?from=list`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(`/door/${SHOW}?from=list`));
  });

  it('asks for sign-in before judging the address, so a malformed id does not answer 404', async () => {
    const theater = await app.request('/door/theaters/Not_An_Id');
    expect(theater.status).toBe(303);
    expect(theater.headers.get('Location')).toBe(signInPath('/door/theaters/Not_An_Id'));
    const show = await app.request('/door/Not_An_Id');
    expect(show.status).toBe(303);
    expect(show.headers.get('Location')).toBe(signInPath('/door/Not_An_Id'));
  });

  it('sends a scan to sign in without checking the code, back to the home page', async () => {
    const res = await scan(SHOW, 'MM1.AAAA.BBBB.CCCC');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath('/'));
  });
});

describe('a scan from another site', () => {
  it('is refused with 403 before anything else', async () => {
    const res = await scan(SHOW, 'MM1.AAAA.BBBB.CCCC', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('This request came from another site');
  });
});
