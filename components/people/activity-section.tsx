import { ACTIVITY_KINDS, ACTIVITY_LABELS } from '@/lib/people/activity-kinds';

interface Entry {
  id: string;
  at: string;
  actorName: string;
  /** The phrase after the name: "changed Milo Member’s role to viewer". */
  what: string;
}

interface ActivitySectionProps {
  entries: Entry[];
  people: { id: string; name: string }[];
  filter: { kind: string; person: string };
}

const selectClass = 'rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm text-zinc-100';

/** The activity log, newest first; the filter is a plain GET form, so a filtered log can be linked. */
export function ActivitySection({ entries, people, filter }: ActivitySectionProps) {
  return (
    <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
      <h2 id="activity-heading" className="text-base font-semibold text-zinc-100">
        Activity
      </h2>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-kind" className="text-sm text-zinc-200">
            Kind
          </label>
          <select id="activity-kind" name="kind" defaultValue={filter.kind} className={selectClass}>
            <option value="">Everything</option>
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ACTIVITY_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-person" className="text-sm text-zinc-200">
            Person
          </label>
          <select id="activity-person" name="person" defaultValue={filter.person} className={selectClass}>
            <option value="">Everyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-lg border border-zinc-600 px-3 py-1.5 text-sm text-zinc-100 hover:bg-zinc-800"
        >
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-400">
          Nothing recorded{filter.kind || filter.person ? ' for this filter' : ''}.
        </p>
      ) : (
        <ol aria-label="Activity entries" className="flex flex-col gap-1 text-sm text-zinc-300">
          {entries.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at} className="text-zinc-400">
                {entry.at.slice(0, 19).replace('T', ' ')}
              </time>{' '}
              <span className="text-zinc-100">{entry.actorName}</span> {entry.what}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
