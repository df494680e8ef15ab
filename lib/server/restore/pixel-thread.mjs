// The restoration's pixel work (lib/restore: drift, alignment, warp, colour, feathered paste) in a worker thread,
// so a 4k result's 1–2 s of arithmetic never blocks the server's event loop. Loaded through tsx (a runtime
// dependency already: `npm start` uses it for the preflight), so the worker runs the same TypeScript the tests run.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

// An idle isolate never collects, so a 4k restoration's planes (~100 MB) stayed resident until the thread was let go.
// One full collection after each job gives them back; `gc` comes from a context made while the flag was on for that
// moment only (as jest's leak detector does). If a future Node refuses, the idle stop still frees the memory.
let collect = () => {};
try {
  v8.setFlagsFromString('--expose-gc');
  collect = vm.runInNewContext('gc');
  v8.setFlagsFromString('--no-expose-gc');
} catch {
  // Keep the no-op.
}

const { restorePixels } = await tsImport('../../restore/restore.ts', import.meta.url);
const { measureDrift } = await tsImport('../../restore/drift.ts', import.meta.url);

parentPort.on('message', ({ id, kind, input }) => {
  setImmediate(collect);
  try {
    if (kind === 'drift') {
      parentPort.postMessage({ id, ok: true, value: measureDrift(input.base, input.output, input.keep) });
      return;
    }
    const value = restorePixels(input);
    const transfer = value.pixels ? [value.pixels.buffer] : [];
    parentPort.postMessage({ id, ok: true, value }, transfer);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error?.message ?? error).slice(0, 200) });
  }
});
parentPort.postMessage({ ready: true });
