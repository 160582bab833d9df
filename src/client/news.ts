/** Puts `message` in a live region as a visible notice, which screen readers announce. */
export function say(region: Element | null, message: string): void {
  if (!region) return;
  const p = document.createElement('p');
  p.className = 'card border-red-800 mt-0 mb-4 font-semibold text-red-800';
  p.textContent = message;
  region.replaceChildren(p);
}
