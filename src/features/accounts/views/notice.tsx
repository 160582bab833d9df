export function Notice({ title, children }: { title: string; children: unknown }) {
  return (
    <section aria-labelledby="notice-title" class="max-w-xl">
      <h1 id="notice-title" class="mt-0 text-3xl font-bold">
        {title}
      </h1>
      {children as never}
    </section>
  );
}
