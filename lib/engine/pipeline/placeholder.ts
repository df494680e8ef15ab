/**
 * Text-only requests: there is no generative model offline, so the engine says so in the picture. A gradient whose
 * colours come from a hash of the prompt (same prompt, same image), with "Offline engine · placeholder" and the
 * prompt's first words, rendered by sharp from an SVG.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { RawImage, Size } from './raw-image';

export const PLACEHOLDER_TITLE = 'Offline engine · placeholder';

/** The placeholder for `prompt` at exactly `size`; `index` shifts the hue so n outputs are told apart. */
export async function renderPlaceholder(prompt: string, size: Size, index = 0): Promise<RawImage> {
  const { data, info } = await sharp(Buffer.from(placeholderSvg(prompt, size, index)))
    .resize({ width: size.width, height: size.height, fit: 'fill' })
    .flatten({ background: '#000000' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

export function placeholderSvg(prompt: string, { width, height }: Size, index = 0): string {
  const hash = createHash('sha256').update(prompt).digest();
  const byte = (i: number) => hash[i] ?? 0;
  const hue = (byte(0) * 360) / 256 + index * 37;
  const from = hsl(hue, 0.62, 0.56);
  const to = hsl(hue + 60 + (byte(1) % 120), 0.55, 0.3);
  const glow = hsl(hue + 180, 0.7, 0.7);
  const angle = (byte(2) / 256) * Math.PI * 2;
  const x = (0.5 + Math.cos(angle) / 2).toFixed(3);
  const y = (0.5 + Math.sin(angle) / 2).toFixed(3);
  const gx = (0.2 + (byte(3) / 256) * 0.6).toFixed(3);
  const gy = (0.2 + (byte(4) / 256) * 0.6).toFixed(3);

  const unit = Math.min(width, height);
  const titleSize = Math.round(unit * 0.045);
  const promptSize = Math.round(unit * 0.06);
  const lines = wrap(firstWords(prompt), Math.max(12, Math.floor((width * 0.8) / (promptSize * 0.55))), 3);
  const lineHeight = Math.round(promptSize * 1.25);
  const top = Math.round(height / 2 - ((lines.length - 1) * lineHeight) / 2);
  const text = lines
    .map(
      (line, i) =>
        `<text x="50%" y="${top + i * lineHeight}" font-size="${promptSize}" font-weight="600">${escapeXml(line)}</text>`,
    )
    .join('');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs>
<linearGradient id="g" x1="${(1 - Number(x)).toFixed(3)}" y1="${(1 - Number(y)).toFixed(3)}" x2="${x}" y2="${y}">
<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
</linearGradient>
<radialGradient id="r" cx="${gx}" cy="${gy}" r="0.6"><stop offset="0" stop-color="${glow}" stop-opacity="0.45"/><stop offset="1" stop-color="${glow}" stop-opacity="0"/></radialGradient>
</defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<rect width="100%" height="100%" fill="url(#r)"/>
<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="#ffffff" text-anchor="middle">
<text x="50%" y="${Math.round(height * 0.12 + titleSize)}" font-size="${titleSize}" fill-opacity="0.8" letter-spacing="${Math.round(titleSize * 0.05)}">${escapeXml(PLACEHOLDER_TITLE)}</text>
${text}
</g>
</svg>`;
}

function firstWords(prompt: string, count = 12): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return '(empty prompt)';
  let head = words.slice(0, count).join(' ');
  const cut = words.length > count || head.length > 90;
  if (head.length > 90) head = head.slice(0, 89);
  return cut ? `${head}…` : head;
}

function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (next.length > perLine && current) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').replace(/…$/, '')}…`;
    return kept;
  }
  return lines;
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** hsl → #rrggbb (librsvg handles hex everywhere). */
function hsl(h: number, s: number, l: number): string {
  const hue = (((h % 360) + 360) % 360) / 360;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const tt = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = tt < 1 / 6 ? p + (q - p) * 6 * tt : tt < 1 / 2 ? q : tt < 2 / 3 ? p + (q - p) * (2 / 3 - tt) * 6 : p;
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(hue + 1 / 3)}${channel(hue)}${channel(hue - 1 / 3)}`;
}
