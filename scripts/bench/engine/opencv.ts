/**
 * OpenCV.js, loaded once, lazily, on first use (~0.4 s and ~100 MB of WASM heap, so never at import time).
 *
 * The trap (stack-notes.md): the 4.x Emscripten module is a thenable whose `then` calls back with the module
 * itself, so `await`ing it (or returning it from an async function, or `import()`ing it through a bundler's
 * interop) loops forever. So: a plain `require`, wait for `onRuntimeInitialized`, and only ever resolve a wrapper
 * object `{ cv }`, never the module.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as OpenCv from '@techstark/opencv-js';

type Cv = typeof OpenCv;

let loading: Promise<{ cv: Cv }> | undefined;

/** The ready OpenCV.js module, wrapped (see above). */
export function loadOpenCv(): Promise<{ cv: Cv }> {
  loading ??= new Promise<{ cv: Cv }>((resolve, reject) => {
    let cv: Cv & { onRuntimeInitialized?: () => void };
    try {
      cv = requireFromHere()('@techstark/opencv-js') as typeof cv;
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (typeof cv.Mat === 'function' && typeof cv.inpaint === 'function') {
      resolve({ cv });
      return;
    }
    const timer = setTimeout(() => reject(new Error('OpenCV.js did not initialise within 30 s')), 30_000);
    cv.onRuntimeInitialized = () => {
      clearTimeout(timer);
      resolve({ cv });
    };
  }).catch((error: unknown) => {
    // Let a later call try again rather than caching the failure for the life of the process.
    loading = undefined;
    throw error;
  });
  return loading;
}

function requireFromHere(): NodeJS.Require {
  try {
    return createRequire(import.meta.url);
  } catch {
    // A bundle without a usable import.meta.url: resolve from the app's root instead.
    return createRequire(path.join(process.cwd(), 'package.json'));
  }
}
