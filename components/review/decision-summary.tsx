import type { ReviewDecision } from '@/lib/reviews/types';

/** Who picked, approved or asked for changes, in one line each ("Approved by Ana, Ben"). */
export function DecisionSummary({
  decisions,
  withTimes = false,
}: {
  decisions: ReviewDecision[];
  withTimes?: boolean;
}) {
  const by = (filter: (d: ReviewDecision) => boolean, at: (d: ReviewDecision) => string | null) =>
    decisions.filter(filter).map((d) => ({ name: d.reviewer, at: at(d) }));
  const lines = [
    {
      text: 'Approved by',
      people: by(
        (d) => d.verdict === 'approved',
        (d) => d.verdictAt,
      ),
      tone: 'text-emerald-200',
    },
    {
      text: 'Picked by',
      people: by(
        (d) => d.picked,
        (d) => d.pickedAt,
      ),
      tone: 'text-amber-200',
    },
    {
      text: 'Changes requested by',
      people: by(
        (d) => d.verdict === 'changes_requested',
        (d) => d.verdictAt,
      ),
      tone: 'text-red-200',
    },
  ].filter((line) => line.people.length > 0);
  if (lines.length === 0) return null;
  return (
    <ul aria-label="Decisions" className="flex flex-col gap-0.5 text-sm">
      {lines.map((line) => (
        <li key={line.text} className={line.tone}>
          {line.text}{' '}
          {line.people.map((person, index) => (
            <span key={`${person.name}-${index}`}>
              {index > 0 ? ', ' : ''}
              {person.name}
              {withTimes && person.at && (
                <span className="text-xs text-zinc-400">
                  {' '}
                  (<time dateTime={person.at}>{new Date(person.at).toLocaleString()}</time>)
                </span>
              )}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
