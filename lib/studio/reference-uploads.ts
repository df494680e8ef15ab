/**
 * Adding reference files: each is checked here first (type by content, size, count, same bytes as one in the tray),
 * so a refused file is never sent; the server checks again. What the flow holds (uploads in flight, refusals,
 * duplicates waiting for a choice) lives in the store; the upload itself is a function the caller passes in.
 */
import type { AppError, Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { fileSha256, findDuplicate } from '@/lib/references/order';
import { checkReferenceCount, checkReferenceFile, SNIFF_BYTES } from '@/lib/references/rules';
import type { DuplicateFile, StudioStore } from './store';

/** Stores one file as a reference; null when the request itself failed (offline, no answer). */
export type UploadReference = (file: File) => Promise<Result<AssetView> | null>;

export class ReferenceUploads {
  constructor(
    private readonly store: StudioStore,
    private readonly send: UploadReference,
  ) {}

  /** Checks the files, sets the duplicates aside for a choice, and uploads the rest one at a time, in order. */
  async addFiles(files: File[]): Promise<void> {
    const { store } = this;
    store.setRefusals([]);
    const accepted: File[] = [];
    const refused: AppError[] = [];
    const found: DuplicateFile[] = [];
    const seen = new Map<string, string>();
    let held = store.getState().references.length + store.getState().pending.length;
    for (const file of files) {
      const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
      const problem =
        checkReferenceFile({ name: file.name, size: file.size, head }) ?? checkReferenceCount(file.name, held);
      if (problem) {
        refused.push(problem);
        continue;
      }
      const sha = await fileSha256(file);
      const same = sha ? (findDuplicate(store.getState().references, sha)?.filename ?? seen.get(sha)) : undefined;
      if (sha && same) {
        found.push({ key: `${sha}-${Math.random()}`, file, sameAs: same });
        continue;
      }
      if (sha) seen.set(sha, file.name);
      accepted.push(file);
      held += 1;
    }
    store.setRefusals(refused);
    store.addDuplicates(found);
    // One upload at a time keeps the order the user chose (the first file becomes the base).
    for (const file of accepted) await this.upload(file);
  }

  /** A duplicate's answer: skip it, or add it anyway (still within the limit). */
  async resolveDuplicate(key: string, add: boolean): Promise<void> {
    const item = this.store.takeDuplicate(key);
    if (!item || !add) return;
    const { references, pending, refusals } = this.store.getState();
    const full = checkReferenceCount(item.file.name, references.length + pending.length);
    if (full) this.store.setRefusals([...refusals, full]);
    else await this.upload(item.file);
  }

  private async upload(file: File): Promise<void> {
    const key = `${file.name}-${file.size}-${Math.random()}`;
    this.store.uploadStarted({ key, name: file.name });
    const result = await this.send(file).catch(() => null);
    this.store.uploadFinished(
      key,
      result ?? {
        ok: false,
        error: { code: 'server:error', message: uploadFailedMessage(file.name), file: file.name },
      },
    );
  }
}

/** The request threw instead of answering: say whether this browser is offline or the server did not answer. */
function uploadFailedMessage(name: string): string {
  return typeof navigator !== 'undefined' && navigator.onLine === false
    ? `${name} could not be uploaded: this browser is offline.`
    : `${name} could not be uploaded: the server did not answer. Try again.`;
}
