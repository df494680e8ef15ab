/**
 * Names of a batch's files in its ZIP: the original's name, the ratio when the recipe has a ratio set
 * (`chair_16x9.png`), `_2` for a task's second image, and a counter when two originals share a name, so no entry
 * overwrites another when unpacked.
 */
export interface ZipNameInput {
  original: string;
  ratio: string | null;
  /** 0-based image of the task. */
  position: number;
  extension: 'png' | 'jpg';
}

export function batchZipNames(inputs: readonly ZipNameInput[]): string[] {
  const used = new Set<string>();
  return inputs.map((input) => {
    const stem = safeStem(baseName(input.original).replace(/\.[a-z0-9]{1,5}$/i, ''));
    const base = `${stem}${input.ratio ? `_${input.ratio.replace(':', 'x')}` : ''}${input.position > 0 ? `_${input.position + 1}` : ''}`;
    let name = `${base}.${input.extension}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).${input.extension}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** A name as a browser sends it has no folder, but one typed into a request could. */
function baseName(name: string): string {
  return name.split(/[/\\]/).pop() ?? name;
}

/** No path separators or control characters in an entry name: an archive must not write outside its folder. */
function safeStem(stem: string): string {
  const cleaned = stem
    .replace(/[\u0000-\u001f/\\:*?"<>|]+/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'image';
}
