/**
 * What a JPEG claims about itself, read from its markers without decoding a pixel. A decoder trusts the frame
 * header: a 150-byte progressive file claiming 10000 × 10000 makes libjpeg reserve and zero the whole coefficient
 * buffer before it finds there is no data, and every progressive scan is another pass over that buffer. Reading the
 * markers first lets the caller refuse such files in microseconds.
 */

/** How the frame is coded, from its SOF marker. Only the first three are read by the decoder we ship. */
export type JpegCoding = 'baseline' | 'extended' | 'progressive' | 'lossless' | 'hierarchical' | 'arithmetic';

export interface JpegHeader {
  coding: JpegCoding;
  /** Bits per sample: 8 for ordinary JPEGs, 12 (or 16 for lossless) for medical and camera files. */
  precision: number;
  width: number;
  /** 0 when the height is deferred to a DNL marker (which the decoder does not support). */
  height: number;
  components: number;
  /** Start-of-scan markers in the file: 1 for baseline, ~10 for a typical progressive file. */
  scans: number;
}

const SOF_CODING: Record<number, JpegCoding> = {
  0xc0: 'baseline',
  0xc1: 'extended',
  0xc2: 'progressive',
  0xc3: 'lossless',
  0xc5: 'hierarchical',
  0xc6: 'hierarchical',
  0xc7: 'hierarchical',
  0xc9: 'arithmetic',
  0xca: 'arithmetic',
  0xcb: 'lossless',
  0xcd: 'hierarchical',
  0xce: 'hierarchical',
  0xcf: 'hierarchical',
};

const SOS = 0xda;
const EOI = 0xd9;

/** The frame header and scan count, or null when the bytes hold no JPEG frame header at all. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let frame: Omit<JpegHeader, 'scans'> | null = null;
  let scans = 0;
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1]!;
    // Fill bytes, stuffed zeros and restart markers carry no segment.
    if (marker === 0xff || marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === EOI) break;
    if (i + 3 >= bytes.length) break;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const body = i + 4;
    const coding = SOF_CODING[marker];
    if (coding && !frame && body + 5 < bytes.length) {
      frame = {
        coding,
        precision: bytes[body]!,
        height: (bytes[body + 1]! << 8) | bytes[body + 2]!,
        width: (bytes[body + 3]! << 8) | bytes[body + 4]!,
        components: bytes[body + 5]!,
      };
    }
    if (marker === SOS) scans++;
    // After a scan header comes entropy-coded data; the loop above walks it byte by byte to the next marker.
    i += 2 + Math.max(length, 2);
  }
  return frame ? { ...frame, scans } : null;
}
