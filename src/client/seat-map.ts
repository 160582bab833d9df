/**
 * Live availability for the seat map (docs/decisions/008). Every moment it asks the server which seats
 * are taken; the answer carries an ETag, so an unchanged map costs a bodiless 304. Seats taken meanwhile
 * (or blocked by the theater) are disabled; one the user had chosen is unchecked and they are told. Seats
 * freed come back. The server keeps nothing per viewer: the same question from any process gets the same
 * answer.
 */
import { say } from './news';

const EVERY_MS = 1000;

type Availability = { taken: string[]; unavailable?: string[]; open: boolean };

const form = document.querySelector<HTMLFormElement>('form[data-seats]');
if (form) watch(form, form.dataset.seats ?? '');

function watch(form: HTMLFormElement, url: string): void {
  let last = '';
  const poll = async () => {
    if (!form.isConnected) return;
    if (!document.hidden) {
      try {
        // The browser revalidates with If-None-Match and hands back the stored body on a 304.
        const res = await fetch(url, { headers: { Accept: 'application/json' } });
        if (res.status === 404) return;
        const text = res.ok ? await res.text() : last;
        if (text !== last) {
          last = text;
          apply(form, JSON.parse(text) as Availability);
        }
      } catch {
        // Offline for a moment: the next poll tries again, and the server checks every seat anyway.
      }
    }
    setTimeout(poll, EVERY_MS);
  };
  setTimeout(poll, EVERY_MS);
}

/** The words that end a seat's accessible name, as the server writes them (seat-grid.tsx). */
const STATE_WORDS = /(?:yours, held|unavailable|available|taken)$/;

function apply(form: HTMLFormElement, { taken, unavailable = [], open }: Availability): void {
  const now = new Set(taken);
  const blocked = new Set(unavailable);
  const lost: string[] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name="seat"]')) {
    const word = blocked.has(input.value) ? 'unavailable' : now.has(input.value) ? 'taken' : undefined;
    const label = input.getAttribute('aria-label') ?? '';
    if (word) {
      if (input.disabled && label.endsWith(word)) continue;
      if (input.checked) lost.push(input.value);
      input.checked = false;
      input.disabled = true;
      input.setAttribute('aria-label', label.replace(STATE_WORDS, word));
    } else if (input.disabled) {
      input.disabled = false;
      input.setAttribute('aria-label', label.replace(STATE_WORDS, 'available'));
    }
  }
  const news = form.querySelector('#seat-news');
  if (lost.length > 0) {
    say(
      news,
      `${lost.join(', ')} ${lost.length === 1 ? 'was' : 'were'} just taken by someone else, so we removed ${lost.length === 1 ? 'it' : 'them'} from your selection. Please choose again.`,
    );
    // The selection summary (htmx, on change) follows the seats that are still checked.
    form.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (!open) {
    say(news, 'Ticket sales for this showtime have just closed.');
  }
}
