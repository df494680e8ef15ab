'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changeRole, setPersonActive } from '@/app/people/actions';
import type { Result } from '@/lib/errors';
import { PersonBudgetField } from './person-budget-field';
import { ResetPasswordButton } from './reset-password-button';

type Role = 'owner' | 'admin' | 'member' | 'viewer';

interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  /** Currency units as the field shows them ("25", "12.5"); empty: none. */
  monthlyBudget: string;
}

const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' };

/** Everyone in the workspace: change a role, deactivate (their sessions end at once; their work stays) or reactivate. */
export function PeopleTable({
  people,
  self,
  currency,
}: {
  people: Person[];
  self: { id: string; role: Role };
  currency: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<Result<null>>) =>
    startTransition(async () => {
      const result = await work();
      setError(result.ok ? null : result.error.message);
      if (result.ok) router.refresh();
    });
  const roles = (Object.keys(ROLE_LABELS) as Role[]).filter((role) => role !== 'owner' || self.role === 'owner');
  return (
    <section aria-labelledby="people-heading" className="flex flex-col gap-3">
      <h2 id="people-heading" className="text-base font-semibold text-zinc-100">
        Everyone
      </h2>
      <p role="alert" className="min-h-5 text-sm text-red-300">
        {error}
      </p>
      <table className="w-full text-left text-sm text-zinc-200">
        <thead className="text-zinc-400">
          <tr>
            <th scope="col" className="py-1">
              Name
            </th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Password</th>
            <th scope="col">Monthly budget</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            const locked = person.role === 'owner' && self.role !== 'owner';
            return (
              <tr key={person.id} className="border-t border-zinc-800">
                <td className="py-2">{person.name}</td>
                <td>{person.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${person.name}`}
                    value={person.role}
                    disabled={pending || locked}
                    onChange={(event) => run(() => changeRole(person.id, event.target.value))}
                    className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1"
                  >
                    {(locked ? (['owner'] as Role[]) : roles).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {person.id === self.id ? (
                    <span className="text-zinc-400">You</span>
                  ) : (
                    <button
                      type="button"
                      disabled={pending || locked}
                      onClick={() => run(() => setPersonActive(person.id, !person.active))}
                      aria-label={`${person.active ? 'Deactivate' : 'Reactivate'} ${person.name}`}
                      className="rounded border border-zinc-600 px-2 py-1 hover:bg-zinc-800 disabled:opacity-50"
                    >
                      {person.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                  {!person.active && <span className="ml-2 text-amber-200">Deactivated</span>}
                </td>
                <td>
                  <ResetPasswordButton person={person} disabled={locked} />
                </td>
                <td className="py-2">
                  <PersonBudgetField
                    personId={person.id}
                    personName={person.name}
                    saved={person.monthlyBudget}
                    currency={currency}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
