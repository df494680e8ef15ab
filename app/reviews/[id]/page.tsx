import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/shell/app-header';
import { ReviewDetail } from '@/components/review/review-detail';
import { headerPerson } from '@/lib/server/auth/actor';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { reviewDetail } from '@/lib/server/reviews/studio-view';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Review · Overpaint' };

type Props = { params: Promise<{ id: string }> };

/** One review in the studio: live decisions and comments (who and when), replies, close, reopen, expiry, revoke. */
export default async function ReviewPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageAccess(`/reviews/${encodeURIComponent(id)}`);
  const detail = await reviewDetail(id);
  if (!detail) notFound();
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
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-lg font-semibold text-zinc-50">Review: {detail.title}</h1>
          <Link href="/reviews" className="text-sm text-violet-300 hover:underline">
            All reviews
          </Link>
        </div>
        <ReviewDetail initial={detail} />
      </main>
    </div>
  );
}
