/**
 * The seat map's script: live availability (docs/decisions/008) and moving around the map by keyboard.
 *
 * Every moment it asks the server which seats are taken; the answer carries an ETag, so an unchanged map
 * costs a bodiless 304. Seats taken meanwhile (or blocked by the theater) are disabled; one the user had
 * chosen is unchecked and they are told. Seats freed come back. The server keeps nothing per viewer.
 *
 * The map is one Tab stop (a roving tabindex): arrow keys move between the seats that can be chosen,
 * Home and End go to a row's ends, Space checks the seat as ever. Taken seats are skipped, since they
 * cannot be chosen; screen readers still read them in the rows. Without this script every seat is a
 * Tab stop and the page offers a link past them, which is hidden here.
 *
 * On every change it asks the server for the price of the seats chosen and shows it under the map (the
 * fragment htmx would ask for, by the same header; without script the price comes with Continue). The
 * page needs nothing else of htmx, so a phone on a slow link is not sent it for this page.
 */
import { say } from './news';

const EVERY_MS = 1000;

type Availability = { taken: string[]; unavailable?: string[]; open: boolean };

const form = document.querySelector<HTMLFormElement>('form[data-seats]');
const region = form?.querySelector<HTMLElement>('[data-seat-map]');
if (form && region) {
  const map = roving(region);
  land(form, region);
  watch(form, form.dataset.seats ?? '', map);
  price(form, form.dataset.summary ?? '');
}

/** The words that end a seat's accessible name, as the server writes them (seat-grid.tsx). */
const STATE_WORDS = /(?:yours, held|unavailable|available|selected|taken)$/;

function rename(input: HTMLInputElement, word: string): void {
  input.setAttribute('aria-label', (input.getAttribute('aria-label') ?? '').replace(STATE_WORDS, word));
}

type Roving = { replaceIfGone: (input: HTMLInputElement) => void; settle: () => void };

function roving(region: HTMLElement): Roving {
  const rows = [...region.querySelectorAll('fieldset')].map((row) => [
    ...row.querySelectorAll<HTMLInputElement>('input[name="seat"]'),
  ]);
  const seats = rows.flat();
  let current: HTMLInputElement | undefined;
  const choose = (input: HTMLInputElement | undefined) => {
    if (!input || input === current) return;
    if (current) current.tabIndex = -1;
    input.tabIndex = 0;
    current = input;
  };
  for (const input of seats) input.tabIndex = -1;
  // The region was a Tab stop only so it could be scrolled without script; now its seat is.
  region.removeAttribute('tabindex');
  region.closest('form')?.querySelector('[data-skip-map]')?.setAttribute('hidden', '');
  const open = (input: HTMLInputElement | undefined) => input !== undefined && !input.disabled;
  const settle = () => {
    if (!open(current)) choose(seats.find((s) => s.checked && !s.disabled) ?? seats.find(open));
  };
  settle();

  const middle = (input: HTMLInputElement) => {
    const box = input.getBoundingClientRect();
    return box.left + box.width / 2;
  };
  /** The seat open to choose nearest `from` across the next row (`step` 1) or the one before (-1) that has any. */
  const across = (from: HTMLInputElement, row: number, step: number) => {
    for (let r = row + step; r >= 0 && r < rows.length; r += step) {
      const candidates = (rows[r] ?? []).filter(open);
      if (candidates.length === 0) continue;
      const x = middle(from);
      return candidates.reduce((best, s) =>
        Math.abs(middle(s) - x) < Math.abs(middle(best) - x) ? s : best,
      );
    }
    return undefined;
  };
  const target = (from: HTMLInputElement, key: string) => {
    const row = rows.findIndex((r) => r.includes(from));
    const inRow = (rows[row] ?? []).filter((s) => s === from || open(s));
    const at = inRow.indexOf(from);
    switch (key) {
      case 'ArrowLeft':
        return inRow[at - 1];
      case 'ArrowRight':
        return inRow[at + 1];
      case 'Home':
        return inRow.find(open);
      case 'End':
        return inRow.findLast(open);
      case 'ArrowUp':
        return across(from, row, -1);
      case 'ArrowDown':
        return across(from, row, 1);
      default:
        return undefined;
    }
  };

  region.addEventListener('keydown', (event) => {
    const from = event.target;
    if (!(from instanceof HTMLInputElement) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return;
    // The page does not scroll instead; at an end of a row or of the map focus stays where it is.
    event.preventDefault();
    const to = target(from, event.key);
    if (open(to)) {
      choose(to);
      to?.focus();
    }
  });
  region.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLInputElement) choose(event.target);
  });
  // A checked seat is announced as selected, not as available.
  region.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== 'seat') return;
    const label = input.getAttribute('aria-label') ?? '';
    if (input.checked && label.endsWith('available')) rename(input, 'selected');
    else if (!input.checked && label.endsWith('selected')) rename(input, 'available');
  });

  return {
    // Called before a seat is disabled: focus would otherwise fall out of the map to the page.
    replaceIfGone(input) {
      if (input !== current) return;
      const row = rows.findIndex((r) => r.includes(input));
      const next =
        target(input, 'ArrowRight') ??
        target(input, 'ArrowLeft') ??
        across(input, row, 1) ??
        across(input, row, -1);
      const focused = document.activeElement === input;
      if (next && next !== input) {
        choose(next);
        if (focused) next.focus();
      }
    },
    settle,
  };
}

/**
 * After "best available" or a refused hold the page opens at the map (#seat-map): the message above it
 * takes focus, so it is read out, and the map scrolls sideways to the seats chosen.
 */
function land(form: HTMLFormElement, region: HTMLElement): void {
  const landing = form.querySelector<HTMLElement>('[data-landing]');
  if (!landing) return;
  const message = landing.querySelector<HTMLElement>('[role="alert"]') ?? landing;
  message.tabIndex = -1;
  const chosen = [...region.querySelectorAll<HTMLInputElement>('input[name="seat"]:checked')];
  const first = chosen[0]?.parentElement;
  const last = chosen.at(-1)?.parentElement;
  const show = () => {
    message.focus({ preventScroll: true });
    if (!first || !last) return;
    const box = region.getBoundingClientRect();
    const left = first.getBoundingClientRect().left;
    const right = last.getBoundingClientRect().right;
    region.scrollLeft += (left + right) / 2 - (box.left + box.width / 2);
    const bottom = last.getBoundingClientRect().bottom;
    if (bottom > window.innerHeight) window.scrollBy(0, bottom - window.innerHeight + 16);
  };
  // Scrolling to #seat-map moves focus to the page once it has loaded: the message takes it after that.
  if (document.readyState === 'complete') show();
  else window.addEventListener('load', () => requestAnimationFrame(show), { once: true });
}

function price(form: HTMLFormElement, url: string): void {
  const summary = form.querySelector('#summary');
  if (!summary || !url.startsWith('/')) return;
  let asked = 0;
  form.addEventListener('change', async () => {
    const mine = ++asked;
    const query = new URLSearchParams();
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name="seat"]:checked'))
      query.append('seat', input.value);
    try {
      const res = await fetch(`${url}?${query}`, { headers: { 'HX-Request': 'true' } });
      const html = res.ok ? await res.text() : undefined;
      // Only the answer to the latest change is shown, whichever order the answers come in.
      if (html !== undefined && mine === asked) summary.innerHTML = html;
    } catch {
      // Offline for a moment: Continue still sends the seats, and the next page prices them.
    }
  });
}

function watch(form: HTMLFormElement, url: string, map: Roving): void {
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
          apply(form, JSON.parse(text) as Availability, map);
        }
      } catch {
        // Offline for a moment: the next poll tries again, and the server checks every seat anyway.
      }
    }
    setTimeout(poll, EVERY_MS);
  };
  setTimeout(poll, EVERY_MS);
}

function apply(form: HTMLFormElement, { taken, unavailable = [], open }: Availability, map: Roving): void {
  const now = new Set(taken);
  const blocked = new Set(unavailable);
  const lost: string[] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name="seat"]')) {
    const word = blocked.has(input.value) ? 'unavailable' : now.has(input.value) ? 'taken' : undefined;
    if (word) {
      if (input.disabled && (input.getAttribute('aria-label') ?? '').endsWith(word)) continue;
      if (input.checked) lost.push(input.value);
      map.replaceIfGone(input);
      input.checked = false;
      input.disabled = true;
      rename(input, word);
    } else if (input.disabled) {
      input.disabled = false;
      rename(input, 'available');
    }
  }
  map.settle();
  const news = form.querySelector('#seat-news');
  if (lost.length > 0) {
    say(
      news,
      `${lost.join(', ')} ${lost.length === 1 ? 'was' : 'were'} just taken by someone else, so we removed ${lost.length === 1 ? 'it' : 'them'} from your selection. Please choose again.`,
    );
    // The price under the map (price(), on change) follows the seats that are still checked.
    form.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (!open) {
    say(news, 'Ticket sales for this showtime have just closed.');
  }
}
