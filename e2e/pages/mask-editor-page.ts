import { expect, type Locator, type Page } from '@playwright/test';

/** The mask editor as a user finds it, plus pixel reads of what the canvas shows. */
export class MaskEditorPage {
  readonly root: Locator;
  readonly canvasArea: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('group', { name: 'Mask editor' });
    this.canvasArea = page.getByRole('application', { name: 'Mask canvas' });
    this.canvas = this.root.locator('canvas').last();
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  async box() {
    await expect(this.canvas).toBeVisible();
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('The mask canvas has no box');
    return box;
  }

  /** Drags between two points given as fractions of the canvas box. */
  async drag(from: [number, number], to: [number, number], steps = 8): Promise<void> {
    const box = await this.box();
    await this.page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
    await this.page.mouse.down();
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      await this.page.mouse.move(
        box.x + box.width * (from[0] + (to[0] - from[0]) * t),
        box.y + box.height * (from[1] + (to[1] - from[1]) * t),
      );
    }
    await this.page.mouse.up();
  }

  /** The mask model's alpha at a point given as fractions of the base image (255 keep, 0 repaint). */
  async maskAlphaAt(fx: number, fy: number): Promise<number> {
    return this.canvasArea.evaluate(
      (el, [x, y]) => {
        const editor = (
          el as unknown as { maskEditor: { document: { width: number; height: number; alpha(): Uint8Array } } }
        ).maskEditor;
        const doc = editor.document;
        return doc.alpha()[Math.floor(y! * doc.height) * doc.width + Math.floor(x! * doc.width)]!;
      },
      [fx, fy],
    );
  }

  /**
   * Page coordinates of a point given in base-image pixels (x, y may be outside the base: the expanded canvas), from
   * the editor's own camera, as a user's pointer would reach it.
   */
  async imageToPage(x: number, y: number): Promise<{ x: number; y: number }> {
    return this.canvasArea.evaluate(
      (el, [ix, iy]) => {
        const { camera } = (el as unknown as { maskEditor: { camera: { x: number; y: number; scale: number } } })
          .maskEditor;
        const box = el.getBoundingClientRect();
        return { x: box.left + camera.x + ix! * camera.scale, y: box.top + camera.y + iy! * camera.scale };
      },
      [x, y],
    );
  }

  /** Screen pixels per image pixel now. */
  async zoom(): Promise<number> {
    return this.canvasArea.evaluate(
      (el) => (el as unknown as { maskEditor: { camera: { scale: number } } }).maskEditor.camera.scale,
    );
  }

  /** The expand frame the editor holds (ratio, canvas, the original's offset), or null. */
  async canvasFrame(): Promise<{
    ratio: string;
    canvas: { width: number; height: number };
    offset: { x: number; y: number };
  } | null> {
    return this.canvasArea.evaluate(
      (el) => (el as unknown as { maskEditor: { canvasFrame: unknown } }).maskEditor.canvasFrame as never,
    );
  }

  /** Page coordinates of an expand frame handle (`e` = the right edge's middle, `se` = bottom-right corner …). */
  async frameHandle(handle: 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw'): Promise<{ x: number; y: number }> {
    const frame = await this.canvasFrame();
    if (!frame) throw new Error('The editor shows no expand frame');
    const fx = handle.includes('w') ? 0 : handle.includes('e') ? 1 : 0.5;
    const fy = handle.includes('n') ? 0 : handle.includes('s') ? 1 : 0.5;
    return this.imageToPage(-frame.offset.x + frame.canvas.width * fx, -frame.offset.y + frame.canvas.height * fy);
  }

  /** Presses at `from` and moves to `to` (page coordinates) in steps, then releases: a mouse drag. */
  async dragPage(from: { x: number; y: number }, to: { x: number; y: number }, steps = 10): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    for (let i = 1; i <= steps; i++) {
      await this.page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    }
    await this.page.mouse.up();
  }

  /** The CSS cursor the canvas shows now (it says what a press would do). */
  async cursor(): Promise<string> {
    return this.canvasArea.evaluate((el) => (el as HTMLElement).style.cursor);
  }

  /** A checksum of the whole mask model (FNV-1a over every alpha byte), to compare masks pixel for pixel. */
  async maskChecksum(): Promise<string> {
    return this.canvasArea.evaluate((el) => {
      const doc = (
        el as unknown as { maskEditor: { document: { width: number; height: number; alpha(): Uint8Array } | null } }
      ).maskEditor.document;
      if (!doc) return 'no mask';
      const alpha = doc.alpha();
      let hash = 0x811c9dc5;
      for (let i = 0; i < alpha.length; i++) hash = Math.imul(hash ^ alpha[i]!, 0x01000193);
      return `${doc.width}×${doc.height}:${(hash >>> 0).toString(16)}`;
    });
  }
}
