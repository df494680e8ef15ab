import type { Metadata } from 'next';
import { PageShell } from '@/app/_shell/page-shell';
import { BatchDrop } from '@/components/batches/batch-drop';
import { currentPricing, loadCostSettings } from '@/lib/server/cost/settings';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Batch · Overpaint' };

/** Run a saved recipe over a folder of images: one task per image, fed to the image service a few at a time. */
export default async function BatchPage() {
  const actor = await requirePageAccess('/batch');
  const [pricing, settings] = await Promise.all([currentPricing(), loadCostSettings()]);
  return (
    <PageShell actor={actor} current="batch" width="wide">
      <h1 className="text-lg font-semibold text-zinc-50">Batch</h1>
      <p className="text-sm text-zinc-400">
        One edit over many images: drop them, choose a recipe saved from the studio (Save as recipe), and start. Each
        image becomes one task; the batch shows as one card in the gallery.
      </p>
      <BatchDrop cost={{ pricing, confirmAboveMicros: settings.confirmAboveMicros }} />
    </PageShell>
  );
}
