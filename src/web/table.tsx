/** A data table's column headings, each a `th scope="col"`; the last has no gap after it. */
export function ColumnHeads({ names }: { names: string[] }) {
  return (
    <thead>
      <tr class="border-b border-slate-400">
        {names.map((name, index) => (
          <th scope="col" class={index === names.length - 1 ? 'py-2' : 'py-2 pr-4'}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
