import { readFile, writeFile } from 'node:fs/promises';
import { render } from '../../../lib/engine/pipeline/render';
const S = '/work/shared/samples';
const out = await render({ prompt: 'x', size: '3:2', resolution: '1k', n: 1, outputFormat: 'png', outputCompression: null,
  base: await readFile(`${S}/coffee.png`), mask: await readFile(`${S}/coffee-mask.png`), references: [await readFile(`${S}/rocket.jpg`)] });
await writeFile('/tmp/eng/place.png', out.images[0]!);
process.exit(0);
