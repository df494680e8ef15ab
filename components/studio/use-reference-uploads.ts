'use client';

import { useMemo } from 'react';
import { addReference } from '@/app/(studio)/generate-actions';
import { ReferenceUploads } from '@/lib/studio/reference-uploads';
import { useStudioStore } from './use-studio';

/** Adding reference files to the studio (`lib/studio/reference-uploads.ts`), uploaded through the server action. */
export function useReferenceUploads(): ReferenceUploads {
  const store = useStudioStore();
  return useMemo(() => new ReferenceUploads(store, (file) => addReference(fileForm(file))), [store]);
}

function fileForm(file: File): FormData {
  const body = new FormData();
  body.set('file', file);
  return body;
}
