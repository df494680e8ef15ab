'use client';

import { useCallback, useState } from 'react';
import { addReference } from '@/app/(studio)/actions';
import type { AppError } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { checkReferenceCount, checkReferenceFile, SNIFF_BYTES } from '@/lib/references/rules';

export interface PendingUpload {
  key: string;
  name: string;
}

/**
 * The reference tray's state: the stored references (first = base), uploads in flight, and refusals with the file
 * and the reason. Files are checked here first (type by content, size, count) so a refused file is never sent.
 */
export function useReferenceUploads(initial: AssetView[] = []) {
  const [references, setReferences] = useState<AssetView[]>(initial);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const [refusals, setRefusals] = useState<AppError[]>([]);

  const addFiles = useCallback(
    async (files: File[]) => {
      setRefusals([]);
      const accepted: File[] = [];
      const refused: AppError[] = [];
      let held = references.length + pending.length;
      for (const file of files) {
        const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
        const problem = checkReferenceFile({ name: file.name, size: file.size, head }) ?? checkReferenceCount(file.name, held);
        if (problem) refused.push(problem);
        else {
          accepted.push(file);
          held += 1;
        }
      }
      setRefusals(refused);
      // One upload at a time keeps the order the user chose (the first file becomes the base).
      for (const file of accepted) {
        const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`;
        setPending((list) => [...list, { key, name: file.name }]);
        const body = new FormData();
        body.set('file', file);
        const result = await addReference(body).catch(() => null);
        setPending((list) => list.filter((item) => item.key !== key));
        if (result?.ok) setReferences((list) => [...list, result.data]);
        else
          setRefusals((list) => [
            ...list,
            result?.error ?? { code: 'server:error', message: `${file.name} could not be uploaded; check your connection.`, file: file.name },
          ]);
      }
    },
    [references.length, pending.length],
  );

  const remove = useCallback((id: string) => setReferences((list) => list.filter((item) => item.id !== id)), []);

  return { references, pending, refusals, addFiles, remove };
}
