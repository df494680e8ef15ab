/**
 * The file store's durability, seen through the calls it makes: the bytes are synced before the rename makes them
 * visible under their key, and the folder after, so a power cut leaves either nothing or the whole blob.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const events: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    const name = path.basename(String(args[0]));
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      events.push(`sync ${name}`);
      return sync();
    };
    return handle;
  };
  const rename: typeof real.rename = async (from, to) => {
    events.push(`rename ${path.basename(String(to))}`);
    return real.rename(from, to);
  };
  const wrapped = { ...real, open, rename };
  return { ...wrapped, default: wrapped };
});

const root = mkdtempSync(path.join(os.tmpdir(), 'overpaint-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('file blob store durability', () => {
  it('syncs the temporary file before the rename and the folders after it, and leaves no temporary file', async () => {
    const { FileBlobStore } = await import('./file-blobs');
    const store = new FileBlobStore(root);
    const key = await store.put(randomBytes(10_000));
    const rename = events.indexOf(`rename ${key}`);
    expect(rename).toBeGreaterThan(0);
    // The file's own sync comes first (its name is the temporary one, `<key>.<uuid>.tmp`)…
    expect(events.slice(0, rename).some((event) => /^sync [0-9a-f]{64}\.[0-9a-f-]{36}\.tmp$/.test(event))).toBe(true);
    // …then its folder (`bb`), and the new parent folders up to the root.
    const after = events.slice(rename + 1);
    expect(after).toEqual([`sync ${key.slice(2, 4)}`, `sync ${key.slice(0, 2)}`, `sync ${path.basename(root)}`]);
    expect(readdirSync(path.join(root, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
  });
});
