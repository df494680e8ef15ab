import 'server-only';
import { Zip, ZipPassThrough } from 'fflate';
import { fail, ok, type Result } from '@/lib/errors';
import type { Job } from '@/lib/jobs/types';
import { findAssets } from '../assets';
import { withoutDeletedResults } from '../gallery/list';
import { listJobViewsByIds } from '../jobs/repository';
import { blobStore } from '../storage/blobs';
import { sharedWorkLimit } from '../work-limit';
import { setJobIds } from './repository';

/** A set's ZIP: what it will hold, and a stream that reads the blobs one chunk at a time as the client takes them. */
export interface SetZip {
  files: number;
  /** A new stream of the ZIP; `onEnd` runs once when it has been read to the end, failed or been cancelled. */
  stream(onEnd?: () => void): ReadableStream<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  sha256: string;
}

/**
 * Set ZIPs streamed at once per process, and waiting for a turn. Streaming keeps each one to about one chunk in
 * memory, but each still reads its whole set from the blob store: beyond these the route answers 429.
 */
export const SET_ZIP_LIMIT = { concurrency: 2, queue: 4 };

export function setZipLimit() {
  return sharedWorkLimit('set-zip', SET_ZIP_LIMIT);
}

/**
 * Every result of a set the gallery still shows, in one ZIP named by ratio and pixel size (`16x9_1536x864.png`,
 * `_2` for a task's second image). Deleted results are left out, as in the gallery; where a ratio was retried, the
 * newest task with results counts. Refuses, with a sentence, a set that does not exist or has nothing to download:
 * an empty ZIP would look like a broken download. Stored uncompressed (PNG and JPEG bytes are already compressed)
 * and streamed: 13 ratios × 10 × 4k PNG is about 2 GB, which must never be built in memory.
 */
export async function openSetZip(setId: string): Promise<Result<SetZip>> {
  const ids = await setJobIds(setId);
  if (ids.length === 0) return fail('set:not_found', 'This set does not exist (any more).');
  const jobs = await withoutDeletedResults(await listJobViewsByIds(ids));
  const newestByRatio = new Map<string, Job>();
  for (const job of [...jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (job.results.length > 0) newestByRatio.set(job.options.size, job);
  }
  const entries: ZipEntry[] = [];
  for (const [ratio, job] of newestByRatio) {
    const rows = new Map((await findAssets(job.results.map((result) => result.asset.id))).map((row) => [row.id, row]));
    for (const [index, result] of job.results.entries()) {
      const row = rows.get(result.asset.id);
      if (!row) continue;
      const extension = row.mime === 'image/jpeg' ? 'jpg' : 'png';
      const name = `${ratio.replace(':', 'x')}_${row.width}x${row.height}${index > 0 ? `_${index + 1}` : ''}.${extension}`;
      entries.push({ name, sha256: row.sha256 });
    }
  }
  if (entries.length === 0) {
    return fail(
      'set:empty',
      'This set has no results to download: none has finished yet, or every result was deleted.',
    );
  }
  return ok({ files: entries.length, stream: (onEnd) => zipStream(entries, onEnd) });
}

/**
 * Pull-driven: each pull moves one chunk of one blob through the ZIP writer, so a slow client slows the reads and
 * memory stays at about a chunk whatever the set's size.
 */
export function zipStream(entries: readonly ZipEntry[], onEnd: () => void = () => {}): ReadableStream<Uint8Array> {
  const store = blobStore();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  let next = 0;
  let file: { entry: ZipPassThrough; reader: ReadableStreamDefaultReader<Uint8Array> } | null = null;
  let zip: Zip;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, data, final) => {
          if (error) {
            end();
            return controller.error(error);
          }
          if (data.byteLength > 0) controller.enqueue(data);
          if (final) {
            end();
            controller.close();
          }
        });
      },
      async pull(controller) {
        try {
          await step(controller);
        } catch (error) {
          end();
          await file?.reader.cancel().catch(() => {});
          throw error;
        }
      },
      async cancel() {
        end();
        await file?.reader.cancel().catch(() => {});
        file = null;
        zip.terminate();
      },
    },
    { highWaterMark: 1 },
  );

  /** Moves chunks into the writer until this pull produced output (the writer may hold one back) or the ZIP ends. */
  async function step(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    const before = controller.desiredSize;
    while (controller.desiredSize === before) {
      if (!file) {
        const entry = entries[next++];
        if (!entry) {
          zip.end();
          return;
        }
        const blob = await store.stream(entry.sha256);
        if (!blob) throw new Error(`A result of this set is missing from the blob store (${entry.name})`);
        const member = new ZipPassThrough(entry.name);
        zip.add(member);
        file = { entry: member, reader: blob.body.getReader() };
      }
      const { done, value } = await file.reader.read();
      if (done) {
        file.entry.push(new Uint8Array(0), true);
        file = null;
      } else {
        file.entry.push(value);
      }
    }
  }
}
