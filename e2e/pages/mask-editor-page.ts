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
        const editor = (el as unknown as { maskEditor: { document: { width: number; height: number; alpha(): Uint8Array } } })
          .maskEditor;
        const doc = editor.document;
        return doc.alpha()[Math.floor(y! * doc.height) * doc.width + Math.floor(x! * doc.width)]!;
      },
      [fx, fy],
    );
  }

  /** A checksum of the whole mask model (FNV-1a over every alpha byte), to compare masks pixel for pixel. */
  async maskChecksum(): Promise<string> {
    return this.canvasArea.evaluate((el) => {
      const doc = (el as unknown as { maskEditor: { document: { width: number; height: number; alpha(): Uint8Array } | null } })
        .maskEditor.document;
      if (!doc) return 'no mask';
      const alpha = doc.alpha();
      let hash = 0x811c9dc5;
      for (let i = 0; i < alpha.length; i++) hash = Math.imul(hash ^ alpha[i]!, 0x01000193);
      return `${doc.width}×${doc.height}:${(hash >>> 0).toString(16)}`;
    });
  }
}
