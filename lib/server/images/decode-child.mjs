// The image decoding process, forked by lib/server/images/decoder.ts. Decoding a reference (and converting WebP,
// AVIF, TIFF, BMP, GIF to PNG) happens here, not in the web server: a hostile or huge file costs this process's
// memory and libuv/libvips threads, never the pool every other sharp call of the server waits on, and a decode that
// runs too long is ended by killing the process (libjpeg cannot be interrupted from outside).
// Plain Node, never bundled by Next, so it does not import 'server-only'.
import { decode as decodeBmp } from 'bmp-ts';
import sharp from 'sharp';

// One libvips worker: this process shares two cores with the web server, which must keep answering.
sharp.concurrency(1);
sharp.cache(false);

const THUMB_SIZE = 320;

/** The input as a sharp pipeline with the EXIF orientation applied; BMP goes through the kept pure-JS decoder. */
function open(bytes, type, maxPixels, seconds) {
  if (type === 'bmp') {
    const bmp = decodeBmp(Buffer.from(bytes), { toRGBA: true });
    const data = bmp.data;
    // 32-bit BMPs without an alpha mask usually store 0 in the spare byte: all-zero alpha means opaque.
    let anyAlpha = false;
    for (let i = 3; i < data.length; i += 4)
      if (data[i] !== 0) {
        anyAlpha = true;
        break;
      }
    if (!anyAlpha) for (let i = 3; i < data.length; i += 4) data[i] = 255;
    return sharp(data, { raw: { width: bmp.width, height: bmp.height, channels: 4 } }).timeout({ seconds });
  }
  // GIF: the first frame (sharp reads one page unless asked for more).
  return sharp(Buffer.from(bytes), { limitInputPixels: maxPixels }).rotate().timeout({ seconds });
}

process.on('message', async (message) => {
  const { id, bytes, type, maxPixels, convert, seconds } = message;
  try {
    const image = open(bytes, type, maxPixels, seconds);
    const [png, thumb] = await Promise.all([
      // Lossless whatever the source was, so the decoded pixels are kept; the ICC profile stays with them.
      convert ? image.clone().keepIccProfile().png().toBuffer() : null,
      image
        .clone()
        .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer(),
    ]);
    const meta = png ? await sharp(png).metadata() : null;
    process.send?.({ id, png, thumb, width: meta?.width, height: meta?.height });
  } catch (error) {
    process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
