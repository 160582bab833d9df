/**
 * Inlined in the head of a page with scripts (src/web/layout.tsx), allowed by its hash: it starts the
 * page's modules only once the page has been drawn. On a slow phone the first paint then waits for no
 * script's round trip or start-up; every page works without its script meanwhile, which only enhances.
 * The modules are listed in this element's data-load, separated by spaces.
 */
const modules = document.currentScript?.dataset.load?.split(' ') ?? [];
const start = () =>
  // The frame's callbacks run just before it is painted; a task queued from one runs after the paint.
  requestAnimationFrame(() =>
    setTimeout(() => {
      for (const src of modules) {
        const script = document.createElement('script');
        script.type = 'module';
        script.src = src;
        document.head.append(script);
      }
    }),
  );
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
