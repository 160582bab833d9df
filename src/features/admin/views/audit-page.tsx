import { ColumnHeads } from '../../../web/table';
import type { AuditEntry, AuditPage } from '../../audit/model';

// Operators may be in several time zones: times are shown in one everyone can convert from.
const when = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** "role: staff; theaterIds: a, b": a record's values as one line of text. */
function values(record: Record<string, unknown> | undefined): string {
  if (!record) return '–';
  // DynamoDB keeps no order in a map: keys are listed alphabetically so every entry reads alike.
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') || 'none' : String(value)}`)
    .join('; ');
}

function href(theaterId: string | undefined, before?: string) {
  const query = new URLSearchParams();
  if (theaterId) query.set('theater', theaterId);
  if (before) query.set('before', before);
  const search = query.toString();
  return `/admin/audit${search ? `?${search}` : ''}`;
}

function Row({ entry }: { entry: AuditEntry }) {
  return (
    <tr class="border-b border-slate-300 align-top">
      <td class="py-2 pr-4 whitespace-nowrap">
        <time datetime={entry.at}>{when.format(new Date(entry.at))}</time>
      </td>
      <td class="py-2 pr-4">{entry.actorEmail}</td>
      <th scope="row" class="py-2 pr-4 font-normal">
        {entry.action}: {entry.target.label}
      </th>
      <td class="py-2 pr-4">{values(entry.before)}</td>
      <td class="py-2">{values(entry.after)}</td>
    </tr>
  );
}

/** The audit log: every back-office change, newest first, who made it and what it changed. */
export function AuditLogPage({
  page,
  theater,
}: {
  page: AuditPage;
  /** The theater whose log this is; none for the whole chain. */
  theater?: { id: string; name: string } | undefined;
}) {
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title" class="mt-0 text-3xl font-bold">
        Audit log{theater ? `: ${theater.name}` : ''}
      </h1>
      <p>Every change made in the back office, newest first. Entries are never changed or removed.</p>
      {page.entries.length === 0 ? (
        <p>{page.before ? 'No older changes.' : 'No changes yet.'}</p>
      ) : (
        // Focusable so keyboard users can scroll the table sideways on a narrow screen.
        <section class="overflow-x-auto" aria-labelledby="audit-title" tabindex={0}>
          <table class="w-full border-collapse text-left align-top">
            <caption class="text-left text-sm text-slate-700 pb-2">
              {page.entries.length === 1 ? 'One change.' : `${page.entries.length} changes.`} Times are UTC.
            </caption>
            <ColumnHeads names={['When', 'Who', 'What', 'Before', 'After']} />
            <tbody>
              {page.entries.map((entry) => (
                <Row entry={entry} />
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page.before || page.older ? (
        <nav aria-label="Pages of the audit log" class="flex gap-4 py-2">
          {page.before ? (
            <a class="link" href={href(theater?.id)}>
              Newest changes
            </a>
          ) : null}
          {page.older ? (
            <a class="link" href={href(theater?.id, page.older)}>
              Older changes
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
