import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { SharedResult } from '@/components/share/shared-result';
import { publicOrigin } from '@/lib/server/share/origin';
import { resolveShare } from '@/lib/server/share/shares';

// Read on every request: a revoked or expired link answers 404 at once.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

// The metadata and the page ask once per request.
const sharedFor = cache((token: string) => resolveShare(token));

const DESCRIPTION = 'An image edited with Overpaint.';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const shared = await sharedFor(token);
  if (!shared) return { title: 'Link not found · Overpaint', robots: { index: false } };
  const origin = publicOrigin(await headers());
  const url = `${origin}/s/${token}`;
  const title =
    shared.results.length > 1 ? `${shared.results.length} images shared from Overpaint` : 'Image shared from Overpaint';
  const description = shared.prompt ?? DESCRIPTION;
  const image = { url: `${url}/og`, width: 1200, height: 630, alt: shared.prompt ?? 'The shared image' };
  return {
    title,
    description,
    // The token is the secret: keep it out of search engines and out of Referer headers sent to other sites.
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
    openGraph: { type: 'website', siteName: 'Overpaint', url, title, description, images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}

/** A shared result, read-only: the image(s), Download, and the prompt only if the sharer chose to include it. */
export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const shared = await sharedFor(token);
  if (!shared) notFound();
  const total = shared.results.length;
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-950">
      <header className="border-b border-zinc-800 px-4 py-3">
        <p className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
          <span className="ml-2 text-xs font-normal text-zinc-400">Shared result</span>
        </p>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">{total > 1 ? `${total} shared images` : 'Shared image'}</h1>
        {shared.prompt && (
          <blockquote className="rounded-xl border border-zinc-800 bg-zinc-900 p-4 text-sm text-zinc-200">
            <span className="mb-1 block text-xs font-medium uppercase tracking-wide text-zinc-400">Prompt</span>
            {shared.prompt}
          </blockquote>
        )}
        <ul className={`grid gap-4 ${total > 1 ? 'sm:grid-cols-2' : 'grid-cols-1'}`}>
          {shared.results.map(({ position, asset }, index) => (
            <li key={position}>
              <SharedResult
                src={`/s/${token}/image/${position}`}
                width={asset.width}
                height={asset.height}
                alt={`${shared.prompt ?? 'Shared image'}${total > 1 ? ` (${index + 1} of ${total})` : ''}`}
                downloadLabel={total > 1 ? ` image ${index + 1}` : ''}
                beforeSrc={shared.before ? `/s/${token}/before` : undefined}
              />
            </li>
          ))}
        </ul>
      </main>
      <footer className="px-4 py-6 text-center text-xs text-zinc-400">
        Made with Overpaint, an AI image editing studio.
      </footer>
    </div>
  );
}
