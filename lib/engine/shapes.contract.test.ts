/**
 * Every request shape the studio can send, through the engine served over real HTTP and the real ToAPIs client:
 * text only, base + mask (removal), base + mask + a second reference (placement), references without a mask
 * (colour blend), and a bad mask (failed, with a reason in words).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpstreamTask } from '@/lib/jobs/types';
import { createToapisClient, type GenerationRequest, type ToapisClient } from '@/lib/toapis/client';
import { createEngine, type Engine } from './engine';
import { serveWithNode, type NodeServerHandle } from './node-adapter';

const SAMPLES = '/work/shared/samples';
const SECRET = 'shapes-contract-secret';

let dataDir: string;
let engine: Engine;
let server: NodeServerHandle;
let client: ToapisClient;
const urls: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'overpaint-shapes-'));
  let handler: Engine | null = null;
  server = await serveWithNode((req) => handler!.handle(req));
  engine = createEngine({ dataDir, secret: SECRET, publicBaseUrl: server.url, concurrency: 2 });
  handler = engine;
  client = createToapisClient({ baseUrl: server.url, apiKey: SECRET, model: 'offline-engine' });
  const small = await sharp(await readFile(`${SAMPLES}/coffee-mask.png`))
    .resize(300, 200)
    .png()
    .toBuffer();
  const files: Array<[string, Uint8Array, string]> = [
    ['coffee', await readFile(`${SAMPLES}/coffee.png`), 'image/png'],
    ['mask', await readFile(`${SAMPLES}/coffee-mask.png`), 'image/png'],
    ['rocket', await readFile(`${SAMPLES}/rocket.jpg`), 'image/jpeg'],
    ['chelsea', await readFile(`${SAMPLES}/chelsea.png`), 'image/png'],
    ['smallMask', small, 'image/png'],
  ];
  for (const [key, bytes, contentType] of files) {
    urls[key] = (await client.uploadImage({ bytes, filename: `${key}.png`, contentType })).url;
  }
}, 60_000);

afterAll(async () => {
  await engine.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function run(req: Partial<GenerationRequest>): Promise<{ task: UpstreamTask; images: Buffer[]; seen: number[] }> {
  const created = await client.createGeneration({
    prompt: 'a quiet kitchen table',
    size: '3:2',
    resolution: '1k',
    quality: 'high',
    n: 1,
    outputFormat: 'png',
    ...req,
  });
  const seen: number[] = [];
  for (let i = 0; i < 1200; i++) {
    const task = await client.getGeneration(created.id);
    if (task.progress !== null) seen.push(task.progress);
    if (task.status === 'completed' || task.status === 'failed') {
      const images: Buffer[] = [];
      for (const url of task.resultUrls) images.push(Buffer.from((await client.downloadResult(url)).bytes));
      return { task, images, seen };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('task did not finish');
}

async function raw(bytes: Buffer) {
  return sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

describe('offline engine request shapes over HTTP', () => {
  it('text only: a placeholder at the exact size', async () => {
    const { task, images } = await run({ size: '21:9', resolution: '1k', outputFormat: 'jpeg', outputCompression: 80 });
    expect(task.status).toBe('completed');
    const meta = await sharp(images[0]!).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([2016, 864, 'jpeg']);
  });

  it('base + mask: object removal with real, rising progress and n different results', async () => {
    const { task, images, seen } = await run({ imageUrls: [urls.coffee!], maskUrl: urls.mask, n: 2 });
    expect(task.status).toBe('completed');
    expect(images).toHaveLength(2);
    expect(Buffer.compare(images[0]!, images[1]!)).not.toBe(0);
    expect(new Set(seen).size).toBeGreaterThan(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('base + mask + second reference: the reference is placed in the hole', async () => {
    const { task, images } = await run({ imageUrls: [urls.coffee!, urls.rocket!], maskUrl: urls.mask });
    expect(task.status).toBe('completed');
    // The hole's box (the cup ellipse, centre 291,152 in the 600×400 base → 745,389 at 1536×1024, 640 px wide)
    // holds the 640×427 rocket at scale ~1, centred: a patch of its sky lands at the same offset from the centre.
    const out = await raw(images[0]!);
    const rocket = await raw(await readFile(`${SAMPLES}/rocket.jpg`));
    const mean = (data: Buffer, width: number, left: number, top: number, c: number) => {
      let sum = 0;
      for (let y = top; y < top + 40; y++) for (let x = left; x < left + 40; x++) sum += data[(y * width + x) * 3 + c]!;
      return sum / 1600;
    };
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(mean(out.data, 1536, 535, 246, c) - mean(rocket.data, 640, 110, 70, c))).toBeLessThan(12);
    }
  });

  it('references without a mask: the base takes the other references’ colours, at a real 4k width', async () => {
    const { task, images } = await run({ imageUrls: [urls.coffee!, urls.rocket!], size: '16:9', resolution: '4k' });
    expect(task.status).toBe('completed');
    const out = await sharp(images[0]!).stats();
    const meta = await sharp(images[0]!).metadata();
    expect([meta.width, meta.height]).toEqual([3840, 2160]);
    const coffee = await sharp(await readFile(`${SAMPLES}/coffee.png`)).stats();
    const rocket = await sharp(await readFile(`${SAMPLES}/rocket.jpg`)).stats();
    // Blue: the rocket at dusk is bluer than the red-brown coffee; the blend moves the base most of the way.
    const blue = (s: { channels: Array<{ mean: number }> }) => s.channels[2]!.mean - s.channels[0]!.mean;
    expect(Math.abs(blue(out) - blue(rocket))).toBeLessThan(Math.abs(blue(coffee) - blue(rocket)) / 3);
  });

  it('a mask of the wrong size fails the task with a reason in words', async () => {
    const { task } = await run({ imageUrls: [urls.coffee!], maskUrl: urls.smallMask });
    expect(task.status).toBe('failed');
    expect(task.error?.message).toBe('The mask is 300×200 but the first image is 600×400; they must be the same size');
  });
});
