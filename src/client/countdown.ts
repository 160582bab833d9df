/**
 * The checkout countdown. The server says how many milliseconds the hold has left (so a wrong clock on
 * the phone does not matter); this shows minutes and seconds in the timer and tells screen-reader users
 * at 2 minutes and at 30 seconds left, and when the hold has ended. Without JavaScript the page still
 * says when the hold ends.
 */
import { say } from './news';

const timer = document.querySelector<HTMLElement>('[data-ms-left]');
const msLeft = Number(timer?.dataset.msLeft);
if (timer && Number.isFinite(msLeft)) countDown(timer, msLeft);

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
      if (polite) polite.textContent = '2 minutes left to confirm your booking.';
      next = 30;
    }
    if (next === 30 && seconds <= 30) {
      say(urgent, '30 seconds left to confirm your booking.');
      next = 0;
    }
    if (seconds === 0) {
      say(urgent, 'Your hold has ended and the seats have been released. Please choose your seats again.');
      return;
    }
    setTimeout(tick, 250);
  };
  tick();
}
