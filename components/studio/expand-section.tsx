'use client';

import { useQueryClient } from '@tanstack/react-query';
import { ExpandPanel } from '@/components/expand/expand-panel';
import { RatioSetDialog } from '@/components/expand/ratio-set-dialog';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import { useMaskExport } from './use-mask-export';
import { useBase, useStudio, useStudioStore } from './use-studio';

/**
 * The Outpainting panel and Make variants for ratios…, on the studio's store: the frame they show is the store's
 * conformed frame, and every change goes back through `changeFrame` (the store is the frame's one owner).
 */
export function ExpandSection() {
  const store = useStudioStore();
  const queryClient = useQueryClient();
  const { exportMask } = useMaskExport();
  const base = useBase();
  const options = useStudio((state) => state.options);
  const on = useStudio((state) => state.expand !== null);
  const frame = useStudio((state) => state.frame);
  const ratioLocked = useStudio((state) => state.ratioLocked);
  const references = useStudio((state) => state.references);
  const prompt = useStudio((state) => state.prompt);
  return (
    <ExpandPanel
      base={base}
      options={options}
      on={on}
      frame={frame}
      onFrameChange={(next) => store.changeFrame(next)}
      ratioLocked={ratioLocked}
      onRatioLockedChange={(locked) => store.setRatioLocked(locked)}
    >
      <RatioSetDialog
        references={references}
        prompt={prompt}
        options={options}
        frame={frame}
        exportMask={exportMask}
        onSubmitted={() => void queryClient.invalidateQueries({ queryKey: GALLERY_KEY })}
      />
    </ExpandPanel>
  );
}
