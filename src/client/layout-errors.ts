/**
 * The screen editor's list of layout mistakes: following one puts the caret in the layout text at the
 * mistake's line and column, where the link alone would only move focus to the text. Listens on the
 * document, so it also serves the lists the live preview swaps in.
 */
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest('a[data-line][data-column]');
  if (!(link instanceof HTMLAnchorElement)) return;
  const field = document.getElementById(link.hash.slice(1));
  if (!(field instanceof HTMLTextAreaElement)) return;
  event.preventDefault();
  const line = Number(link.dataset.line);
  const column = Number(link.dataset.column);
  const before = field.value.split('\n').slice(0, line - 1);
  const offset = before.reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
  field.focus();
  field.setSelectionRange(offset, offset + 1);
});
