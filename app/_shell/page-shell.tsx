import type { ReactNode } from 'react';
import { AppHeader, type HeaderPage } from '@/components/shell/app-header';
import type { Actor } from '@/lib/server/auth/actor';
import { headerPerson } from '@/lib/server/auth/actor';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { publicEnv } from '@/lib/server/env';

const WIDTHS = { narrow: 'max-w-3xl', standard: 'max-w-4xl', wide: 'max-w-5xl' } as const;

interface PageShellProps {
  /** Who is looking (from `requirePageAccess`): the header shows their name and, for admins, People. */
  actor: Actor;
  current: HeaderPage;
  /** The content column's width; `full` leaves layout to the page (the studio). */
  width?: keyof typeof WIDTHS | 'full';
  children: ReactNode;
}

/**
 * Every signed-in page's frame: the header (engine notice, navigation, the person, Sign out) above one `main`.
 * One place, so every page shows the same header for the same person (pages used to pass it differently).
 */
export function PageShell({ actor, current, width = 'standard', children }: PageShellProps) {
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        current={current}
        engine={engine}
        model={model}
        signOut={studioAccessRequired()}
        {...headerPerson(actor)}
      />
      <main
        className={
          width === 'full'
            ? 'flex flex-1 flex-col'
            : `mx-auto flex w-full ${WIDTHS[width]} flex-1 flex-col gap-4 p-4 sm:p-8`
        }
      >
        {children}
      </main>
    </div>
  );
}
