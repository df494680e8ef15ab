import type { Metadata } from 'next';
import { PageShell } from '@/app/_shell/page-shell';
import { ReviewList } from '@/components/review/review-list';
import { requirePageAccess } from '@/lib/server/guard';
import { listReviews } from '@/lib/server/reviews/reviews';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reviews · Overpaint' };

/** Every review link: what it shows, its state, and what clients decided. */
export default async function ReviewsPage() {
  const actor = await requirePageAccess('/reviews');
  const reviews = await listReviews();
  return (
    <PageShell actor={actor} current="shares">
      <h1 className="text-lg font-semibold text-zinc-50">Reviews</h1>
      <p className="text-sm text-zinc-400">
        A review link lets a client pick, approve, ask for changes and comment without an account. Open one to see who
        decided what, reply, close it or revoke it.
      </p>
      <ReviewList reviews={reviews} />
    </PageShell>
  );
}
