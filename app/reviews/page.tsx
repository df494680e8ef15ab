import type { Metadata } from 'next';
import { AppHeader } from '@/components/shell/app-header';
import { ReviewList } from '@/components/review/review-list';
import { headerPerson } from '@/lib/server/auth/actor';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { listReviews } from '@/lib/server/reviews/reviews';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reviews · Overpaint' };

/** Every review link: what it shows, its state, and what clients decided. */
export default async function ReviewsPage() {
  const actor = await requirePageAccess('/reviews');
  const reviews = await listReviews();
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        current="shares"
        engine={engine}
        model={model}
        signOut={studioAccessRequired()}
        {...headerPerson(actor)}
      />
      <main className="mx-auto flex w-full max-w-4xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">Reviews</h1>
        <p className="text-sm text-zinc-400">
          A review link lets a client pick, approve, ask for changes and comment without an account. Open one to see who
          decided what, reply, close it or revoke it.
        </p>
        <ReviewList reviews={reviews} />
      </main>
    </div>
  );
}
