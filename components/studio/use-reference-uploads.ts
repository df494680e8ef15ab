'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { addReference } from '@/app/(studio)/generate-actions';
import type { AppError } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { fileSha256, findDuplicate, makeBase, moveItem } from '@/lib/references/order';
import { checkReferenceCount, checkReferenceFile, SNIFF_BYTES } from '@/lib/references/rules';

export interface PendingUpload {
  key: string;
  name: string;
}

/** A file whose bytes are already in the tray: the user chooses to skip it or add it anyway. */
export interface DuplicateFile {
  key: string;
  file: File;
  sameAs: string;
}

/**
 * The reference tray's state: the stored references (first = base), uploads in flight, refusals with the file and
 * the reason, and duplicates waiting for a choice. Files are checked here first (type by content, size, count,
 * same bytes) so a refused file is never sent; the server checks again.
 */
export function useReferenceUploads() {
  const [references, setReferences] = useState<AssetView[]>([]);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const [refusals, setRefusals] = useState<AppError[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateFile[]>([]);
  // Read inside async loops, where state from the render that started them would be stale.
  const live = useRef({ references, pending: 0 });
  useLayoutEffect(() => {
    live.current.references = references;
  }, [references]);

  const upload = useCallback(async (file: File) => {
    const key = `${file.name}-${file.size}-${Math.random()}`;
    live.current.pending += 1;
    setPending((list) => [...list, { key, name: file.name }]);
    const body = new FormData();
    body.set('file', file);
    const result = await addReference(body).catch(() => null);
    live.current.pending -= 1;
    setPending((list) => list.filter((item) => item.key !== key));
    if (result?.ok) setReferences((list) => [...list, result.data]);
    else
      setRefusals((list) => [
        ...list,
        result?.error ?? { code: 'server:error', message: uploadFailedMessage(file.name), file: file.name },
      ]);
  }, []);

  const addFiles = useCallback(
    async (files: File[]) => {
      setRefusals([]);
      const accepted: File[] = [];
      const refused: AppError[] = [];
      const found: DuplicateFile[] = [];
      const seen = new Map<string, string>();
      let held = live.current.references.length + live.current.pending;
      for (const file of files) {
        const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
        const problem =
          checkReferenceFile({ name: file.name, size: file.size, head }) ?? checkReferenceCount(file.name, held);
        if (problem) {
          refused.push(problem);
          continue;
        }
        const sha = await fileSha256(file);
        const same = sha ? (findDuplicate(live.current.references, sha)?.filename ?? seen.get(sha)) : undefined;
        if (sha && same) {
          found.push({ key: `${sha}-${Math.random()}`, file, sameAs: same });
          continue;
        }
        if (sha) seen.set(sha, file.name);
        accepted.push(file);
        held += 1;
      }
      setRefusals(refused);
      setDuplicates((list) => [...list, ...found]);
      // One upload at a time keeps the order the user chose (the first file becomes the base).
      for (const file of accepted) await upload(file);
    },
    [upload],
  );

  const resolveDuplicate = useCallback(
    async (key: string, add: boolean) => {
      const item = duplicates.find((entry) => entry.key === key);
      setDuplicates((list) => list.filter((entry) => entry.key !== key));
      if (!item || !add) return;
      const full = checkReferenceCount(item.file.name, live.current.references.length + live.current.pending);
      if (full) setRefusals((list) => [...list, full]);
      else await upload(item.file);
    },
    [duplicates, upload],
  );

  const remove = useCallback((id: string) => setReferences((list) => list.filter((item) => item.id !== id)), []);
  const move = useCallback((from: number, to: number) => setReferences((list) => moveItem(list, from, to)), []);
  const toBase = useCallback((id: string) => setReferences((list) => makeBase(list, id)), []);

  /** Adds a reference the server already made (Use as reference); refuses past 16. */
  const addAsset = useCallback((asset: AssetView, asBase = false) => {
    const full = checkReferenceCount(asset.filename, live.current.references.length + live.current.pending);
    if (full) {
      setRefusals([full]);
      return false;
    }
    setReferences((list) => (asBase ? [asset, ...list] : [...list, asset]));
    return true;
  }, []);

  return {
    references,
    pending,
    refusals,
    duplicates,
    addFiles,
    resolveDuplicate,
    remove,
    move,
    toBase,
    addAsset,
    replaceAll: setReferences,
  };
}

export type ReferenceUploads = ReturnType<typeof useReferenceUploads>;

/** The action threw instead of answering: say whether this browser is offline or the server did not answer. */
function uploadFailedMessage(name: string): string {
  return typeof navigator !== 'undefined' && navigator.onLine === false
    ? `${name} could not be uploaded: this browser is offline.`
    : `${name} could not be uploaded: the server did not answer. Try again.`;
}
