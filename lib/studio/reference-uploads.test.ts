import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { ReferenceUploads } from './reference-uploads';
import { createStudioStore } from './store';
import { asset } from './test-assets';

const samples = process.env.OVERPAINT_SAMPLES_DIR ?? path.resolve(__dirname, '../../../shared/samples');
const sample = (name: string, as = name) => new File([readFileSync(path.join(samples, name))], as);

/** Uploads that succeed with a stored asset carrying the file's name; `sent` records the order. */
function uploader(answer?: (file: File) => Result<AssetView> | null) {
  const sent: string[] = [];
  const send = async (file: File) => {
    sent.push(file.name);
    return answer ? answer(file) : { ok: true as const, data: asset(file.name) };
  };
  return { sent, send };
}

describe('adding reference files', () => {
  it('uploads accepted files one at a time in order, refusing what is not an image before sending', async () => {
    const store = createStudioStore();
    const { sent, send } = uploader();
    await new ReferenceUploads(store, send).addFiles([
      sample('coffee.png'),
      new File(['not an image'], 'notes.txt'),
      sample('rocket.jpg'),
    ]);
    expect(sent).toEqual(['coffee.png', 'rocket.jpg']);
    expect(store.getState().references.map((r) => r.filename)).toEqual(['coffee.png', 'rocket.jpg']);
    expect(store.getState().refusals.map((r) => r.file)).toEqual(['notes.txt']);
    expect(store.getState().pending).toEqual([]);
  });

  it('sets a file with the same bytes aside until the user chooses, and a failed request becomes a refusal', async () => {
    const store = createStudioStore();
    const bytes = readFileSync(path.join(samples, 'coffee.png'));
    const sha = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    store.addReference({ ...asset('coffee.png'), sha256: sha });
    const { sent, send } = uploader(() => null);
    const uploads = new ReferenceUploads(store, send);
    await uploads.addFiles([sample('coffee.png', 'copy.png')]);
    expect(sent).toEqual([]);
    const [duplicate] = store.getState().duplicates;
    expect(duplicate).toMatchObject({ sameAs: 'coffee.png' });
    await uploads.resolveDuplicate(duplicate!.key, true);
    expect(sent).toEqual(['copy.png']);
    expect(store.getState().duplicates).toEqual([]);
    expect(store.getState().refusals[0]?.message).toMatch(/^copy\.png could not be uploaded/);
  });
});
