/** Hand-made hostile image files for the upload checks' tests: headers that lie, with no image data behind them. */
import { deflateSync } from 'node:zlib';

/** A JPEG made of markers only: SOI, a frame header (SOF `sof`), `scans` empty scans, EOI. No image data at all. */
export function hostileJpeg({
  sof = 0xc2,
  precision = 8,
  width = 10_000,
  height = 10_000,
  components = 3,
  scans = 1,
} = {}) {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const frame = [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, components];
  for (let c = 0; c < components; c++) frame.push(c + 1, 0x11, 0);
  const quant = segment(0xdb, [0, ...new Array(64).fill(1)]);
  const huffman = segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0]);
  const scan = segment(0xda, [1, 1, 0x00, 0, 0, 0]);
  const bytes = [0xff, 0xd8, ...quant, ...segment(sof, frame), ...huffman];
  for (let i = 0; i < scans; i++) bytes.push(...scan, 0x00);
  bytes.push(0xff, 0xd9);
  return new Uint8Array(bytes);
}

/** A PNG claiming `width` × `height` with one byte of pixel data (a decoder finds it truncated). */
export function pngHeaderOnly(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', deflateSync(new Uint8Array(1))),
    ...chunk('IEND', new Uint8Array()),
  ]);
}

/** The first box of an iPhone HEIC photo (`ftyp`, brand heic) and nothing after it. */
export function heicHeaderOnly(): Uint8Array {
  const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
  return new Uint8Array([0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')]);
}

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...type].map((c) => c.charCodeAt(0)));
  const length = [data.length >>> 24, (data.length >>> 16) & 0xff, (data.length >>> 8) & 0xff, data.length & 0xff];
  const crc = crc32(new Uint8Array([...typed, ...data]));
  return [...length, ...typed, ...data, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
