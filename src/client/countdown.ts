/**
 * The checkout countdown. The server says how many milliseconds the hold has left (so a wrong clock on
 * the phone does not matter); this shows minutes and seconds in the timer, shows and announces a warning
 * at 2 minutes and at 30 seconds left, and at 0:00 turns "Confirm booking" off and says what to do next,
 * with a link back to the same seats. Without JavaScript the page still says when the hold ends, and the
 * server refuses an expired hold with the same advice.
 */
import { say } from './news';

const timer = document.querySelector<HTMLElement>('[data-ms-left]');
const msLeft = Number(timer?.dataset.msLeft);
if (timer && Number.isFinite(msLeft)) countDown(timer, msLeft);

/** A visible warning in the polite region: read out when a screen reader is free, seen by everyone. */
function warn(region: Element | null, message: string): void {
  if (!region) return;
  const p = document.createElement('p');
  p.className = 'card border-amber-700 mt-0 mb-4 font-semibold text-amber-900';
  p.textContent = message;
  region.replaceChildren(p);
}

/** The end of the hold: Confirm off (a click could only be refused now) and the way back to the seats. */
function holdEnded(urgent: Element | null, seatsAgain: string | undefined): void {
  const confirm = document.querySelector<HTMLButtonElement>('[data-confirm]');
  if (confirm) confirm.disabled = true;
  say(urgent, 'Your hold has ended and the seats were released. ');
  const message = urgent?.querySelector('p');
  // Only a path of this site: the address comes from the page, but a link is no place to trust it.
  if (!message || !seatsAgain?.startsWith('/') || seatsAgain.startsWith('//')) return;
  const link = document.createElement('a');
  link.className = 'link';
  link.href = seatsAgain;
  link.textContent = 'Choose your seats again';
  message.append(link, '.');
}

function countDown(timer: HTMLElement, msLeft: number): void {
  const polite = document.querySelector('[data-countdown-news="polite"]');
  const urgent = document.querySelector('[data-countdown-news="alert"]');
  const deadline = performance.now() + msLeft;
  // Only moments still ahead are announced: a page opened with a minute left does not say "2 minutes".
  let next = msLeft > 120_000 ? 120 : msLeft > 30_000 ? 30 : 0;
  const tick = () => {
    const seconds = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    timer.textContent = `Time left: ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    if (next === 120 && seconds <= 120) {
      warn(polite, '2 minutes left to confirm your booking.');
      next = 30;
    }
    if (next === 30 && seconds <= 30) {
      // One warning on screen at a time: the sooner one replaces the 2-minute one.
      polite?.replaceChildren();
      say(urgent, '30 seconds left to confirm your booking.');
      next = 0;
    }
    if (seconds === 0) {
      polite?.replaceChildren();
      holdEnded(urgent, timer.dataset.seatsAgain);
      return;
    }
    setTimeout(tick, 250);
  };
  tick();
}
