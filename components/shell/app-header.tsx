import Link from 'next/link';
import { logout } from '@/app/login/actions';
import { EngineBadge } from '@/components/studio/engine-badge';
import type { EngineKind } from '@/lib/jobs/types';

export type HeaderPage = 'studio' | 'batch' | 'boards' | 'shares' | 'usage' | 'settings' | 'people';

interface AppHeaderProps {
  current: HeaderPage;
  engine: EngineKind;
  model: string;
  /** Whether a password guards the studio: only then is there a session to end. */
  signOut: boolean;
  /** Accounts mode, for admins and the owner: the People page. */
  people?: boolean;
  /** Accounts mode: who is signed in. */
  personName?: string;
}

const LINKS: { page: HeaderPage; href: string; label: string }[] = [
  { page: 'studio', href: '/', label: 'Studio' },
  { page: 'batch', href: '/batch', label: 'Batch' },
  { page: 'boards', href: '/boards', label: 'Boards' },
  { page: 'shares', href: '/shares', label: 'Shared links' },
  { page: 'usage', href: '/usage', label: 'Usage' },
  { page: 'settings', href: '/settings', label: 'Settings' },
  { page: 'people', href: '/people', label: 'People' },
];

const linkClass = 'rounded px-2 py-1 text-sm font-medium hover:bg-zinc-800';

/**
 * The studio's header on every signed-in page: the name, the navigation and the engine notice. It stays at the top
 * (sticky) so the notice and the way to Settings never scroll away, e.g. when Generate scrolls the page.
 */
export function AppHeader({ current, engine, model, signOut, people = false, personName }: AppHeaderProps) {
  // The studio has no other title, so the name is its heading; other pages head their own content.
  const Brand = current === 'studio' ? 'h1' : 'p';
  return (
    <header className="sticky top-0 z-30 flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-zinc-800 bg-zinc-950/95 px-4 py-2.5 backdrop-blur lg:h-[var(--header-height)] lg:flex-nowrap lg:py-0">
      <Brand className="shrink-0 text-base font-semibold tracking-tight text-zinc-50">
        Over<span className="text-violet-400">paint</span>
        <span className="ml-2 hidden text-xs font-normal text-zinc-400 sm:inline">AI image editing studio</span>
      </Brand>
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <EngineBadge engine={engine} model={model} />
        <nav aria-label="Main" className="flex items-center gap-1">
          {LINKS.filter((link) => people || link.page !== 'people').map((link) => (
            <Link
              key={link.page}
              href={link.href}
              aria-current={link.page === current ? 'page' : undefined}
              className={`${linkClass} ${link.page === current ? 'bg-zinc-800 text-zinc-50' : 'text-violet-300 hover:text-violet-200'}`}
            >
              {link.label}
            </Link>
          ))}
        </nav>
        {personName && <p className="text-sm text-zinc-300">{personName}</p>}
        {signOut && (
          <form action={logout}>
            <button type="submit" className={`${linkClass} text-zinc-300 hover:text-zinc-100`}>
              Sign out
            </button>
          </form>
        )}
      </div>
    </header>
  );
}
