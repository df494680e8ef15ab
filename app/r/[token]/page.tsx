import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ReviewPage } from '@/components/review/review-page';
import { enterReview, RATE_LIMITED, REVIEWER_COOKIE } from '@/lib/server/reviews/access';
import { countView, reviewerFor, reviewPageState } from '@/lib/server/reviews/review-link';

// Read on every request: a revoked or expired link answers 404 at once.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

// The metadata and the page share one gate (and one rate-limit hit) per request.
const entryFor = cache(async (token: string) => enterReview(token, await headers()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await entryFor((await params).token);
  return {
    title: entry.ok ? `${entry.review.title} · Review · Overpaint` : 'Link not found · Overpaint',
    // The token is the secret: keep it out of search engines and out of Referer headers sent to other sites.
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

/**
 * A review link: the candidates large, a name once, then Pick / Approve / Request changes and comments. No studio
 * controls and no studio data (no prompts, no names of the team). Closed: the outcome, read-only.
 */
export default async function ReviewLinkPage({ params }: Props) {
  const { token } = await params;
  const entry = await entryFor(token);
  if (!entry.ok && entry.reason === 'not_found') notFound();
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-950">
      <header className="border-b border-zinc-800 px-4 py-3">
        <p className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
          <span className="ml-2 text-xs font-normal text-zinc-400">Review</span>
        </p>
      </header>
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-4 p-4 sm:p-8">
        {entry.ok ? (
          <Review token={token} review={entry.review} />
        ) : (
          <p role="alert">{RATE_LIMITED(entry.retryAfterS)}</p>
        )}
      </main>
      <footer className="px-4 py-6 text-center text-xs text-zinc-400">
        Made with Overpaint, an AI image editing studio.
      </footer>
    </div>
  );
}

async function Review({ token, review }: { token: string; review: Parameters<typeof countView>[0] }) {
  await countView(review);
  const reviewer = await reviewerFor(review, (await cookies()).get(REVIEWER_COOKIE)?.value);
  const state = await reviewPageState(review, token, reviewer);
  return (
    <>
      <h1 className="text-xl font-semibold text-zinc-50">{state.title}</h1>
      <ReviewPage token={token} initial={state} />
    </>
  );
}
