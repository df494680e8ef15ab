import { stageToImage } from '../camera';
import type { PointerInput } from '../editor-types';
import { pressMode, type EditorTool, type ToolContext } from './tool';

/** How far a pixel's alpha may be from the clicked one and still be filled. */
const FILL_TOLERANCE = 32;

/** Fill: one click fills the connected area under it (add or subtract) as one history entry; it holds no pointer. */
export class FillTool implements EditorTool {
  readonly interaction = 'idle' as const;

  constructor(private readonly ctx: ToolContext) {}

  onPointerDown(input: PointerInput): boolean {
    const { x, y } = stageToImage(this.ctx.camera, input);
    this.ctx.push({ kind: 'fill', mode: pressMode(input, this.ctx.settings), x, y, tolerance: FILL_TOLERANCE });
    return false;
  }

  onPointerMove(): void {}
  onPointerUp(): void {}
  onPointerCancel(): boolean {
    return false;
  }
  cancel(): boolean {
    return false;
  }
  onKey(): boolean {
    return false;
  }
  cursor(): string {
    return this.ctx.document ? 'crosshair' : '';
  }
}
