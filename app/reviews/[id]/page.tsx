import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageShell } from '@/app/_shell/page-shell';
import { ReviewDetail } from '@/components/review/review-detail';
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
  return (
    <PageShell actor={actor} current="shares" width="wide">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold text-zinc-50">Review: {detail.title}</h1>
        <Link href="/reviews" className="text-sm text-violet-300 hover:underline">
          All reviews
        </Link>
      </div>
      <ReviewDetail initial={detail} />
    </PageShell>
  );
}
