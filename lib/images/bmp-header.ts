/**
 * A BMP's declared size from its header, read before the decoder (which allocates width × height × 4 at once).
 * BITMAPCOREHEADER (12 bytes) stores 16-bit sizes; every later header stores signed 32-bit ones, a negative height
 * meaning the rows run top-down.
 */
export function readBmpSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint32(14, true);
  if (headerSize === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}
