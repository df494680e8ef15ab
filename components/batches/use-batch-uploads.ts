'use client';

import { useRef, useState } from 'react';
import { addReference } from '@/app/(studio)/generate-actions';
import { MAX_BATCH_IMAGES } from '@/lib/batches/feeder';
import { busyDelayMs, checkDropped, UPLOAD_CONCURRENCY, type DroppedImage } from './intake';

/**
 * The Batch page's files: each checked by its first bytes at once and listed (refused ones with their reason), then
 * stored through the reference intake `UPLOAD_CONCURRENCY` at a time, waiting and trying again when it is busy.
 */
export function useBatchUploads(setError: (message: string | null) => void) {
  const [images, setImages] = useState<DroppedImage[]>([]);
  const queue = useRef<{ key: string; file: File }[]>([]);
  const active = useRef(0);
  const counter = useRef(0);

  const update = (key: string, patch: Partial<DroppedImage>) =>
    setImages((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  async function add(files: File[]) {
    setError(null);
    const room = MAX_BATCH_IMAGES - images.filter((item) => item.status !== 'refused').length;
    const taken = files.slice(0, Math.max(0, room));
    if (taken.length < files.length) {
      setError(`A batch takes at most ${MAX_BATCH_IMAGES} images: ${files.length - taken.length} were left out.`);
    }
    const entries = taken.map((file) => ({ key: `f${counter.current++}`, file }));
    setImages((list) => [
      ...list,
      ...entries.map(({ key, file }) => ({ key, name: file.name, size: file.size, status: 'checking' as const })),
    ]);
    const checked = await Promise.all(
      entries.map(async (entry) => ({ ...entry, refusal: await checkDropped(entry.file) })),
    );
    const refused = new Map(checked.filter((c) => c.refusal).map((c) => [c.key, c.refusal!.message]));
    setImages((list) =>
      list.map((item) =>
        refused.has(item.key)
          ? { ...item, status: 'refused', reason: refused.get(item.key) }
          : item.status === 'checking'
            ? { ...item, status: 'waiting' }
            : item,
      ),
    );
    queue.current.push(...checked.filter((c) => !c.refusal));
    pump();
  }

  function pump() {
    while (active.current < UPLOAD_CONCURRENCY && queue.current.length > 0) {
      const next = queue.current.shift()!;
      active.current++;
      void upload(next.key, next.file).finally(() => {
        active.current--;
        pump();
      });
    }
  }

  async function upload(key: string, file: File) {
    update(key, { status: 'uploading' });
    for (let attempt = 0; ; attempt++) {
      const body = new FormData();
      body.set('file', file);
      const result = await addReference(body).catch(() => null);
      if (result?.ok) return update(key, { status: 'ready', assetId: result.data.id, thumbUrl: result.data.thumbUrl });
      const busy = !result || result.error.code === 'reference:busy' || result.error.code === 'server:busy';
      if (!busy || attempt >= 6) {
        return update(key, { status: 'refused', reason: result?.error.message ?? `${file.name} could not be sent.` });
      }
      await new Promise((resolve) => setTimeout(resolve, busyDelayMs(attempt)));
    }
  }

  return { images, add };
}
