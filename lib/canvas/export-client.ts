import { encodeMaskPng } from '@/lib/mask/png';

/**
 * Encodes a mask PNG in a Web Worker (one per editor, started on first use) so a 4096² export
 * never freezes the page; falls back to the main thread where workers are unavailable.
 */
export class MaskExporter {
  #worker: Worker | null = null;
  #failed = false;
  #next = 1;
  readonly #pending = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>();

  async encode(width: number, height: number, alpha: Uint8Array): Promise<Blob> {
    const worker = this.#start();
    if (!worker) {
      const png = encodeMaskPng(width, height, alpha);
      return new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
    const id = this.#next++;
    const copy = alpha.slice(); // the document's buffer stays; the copy is transferred, not cloned
    return new Promise<Blob>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, width, height, alpha: copy.buffer }, [copy.buffer]);
    });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const { reject } of this.#pending.values()) reject(new Error('The mask editor was closed.'));
    this.#pending.clear();
  }

  #start(): Worker | null {
    if (this.#worker || this.#failed) return this.#worker;
    if (typeof Worker === 'undefined') return null;
    try {
      const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
        const entry = this.#pending.get(event.data.id);
        this.#pending.delete(event.data.id);
        if (!entry) return;
        if (event.data.blob) entry.resolve(event.data.blob);
        else entry.reject(new Error(`The mask could not be encoded: ${event.data.error ?? 'unknown error'}`));
      };
      worker.onerror = () => {
        this.#failed = true;
        this.dispose();
      };
      this.#worker = worker;
    } catch {
      this.#failed = true;
    }
    return this.#worker;
  }
}
