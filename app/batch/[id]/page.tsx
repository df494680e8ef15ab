import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageShell } from '@/app/_shell/page-shell';
import { BatchDetail } from '@/components/batches/batch-detail';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Batch · Overpaint' };

/** One batch: its progress and controls, and each image's result beside its original. */
export default async function BatchDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageAccess(`/batch/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  return (
    <PageShell actor={actor} current="batch" width="wide">
      <BatchDetail id={id} />
    </PageShell>
  );
}
