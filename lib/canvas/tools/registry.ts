import type { Size } from '../camera';
import type { MaskTool } from '../editor-types';
import type { ExpandFrameController } from '../expand-frame-controller';
import { FillTool } from './fill-tool';
import { FrameTool } from './frame-tool';
import { LassoTool } from './lasso-tool';
import { PanTool } from './pan-tool';
import { PolygonTool } from './polygon-tool';
import { ShapeTool } from './shape-tool';
import { StrokeTool } from './stroke-tool';
import type { EditorTool, ToolContext } from './tool';

/** Every tool of one editor: one per toolbar choice (brush and eraser share the stroke tool), plus pan. */
export interface EditorTools {
  readonly byName: Readonly<Record<MaskTool, EditorTool>>;
  readonly stroke: StrokeTool;
  readonly pan: PanTool;
  readonly frame: FrameTool;
}

export function createTools(ctx: ToolContext, frames: ExpandFrameController, base: () => Size | null): EditorTools {
  const stroke = new StrokeTool(ctx);
  const shape = new ShapeTool(ctx);
  const frame = new FrameTool(ctx, frames, base);
  return {
    byName: {
      brush: stroke,
      eraser: stroke,
      rectangle: shape,
      ellipse: shape,
      lasso: new LassoTool(ctx),
      polygon: new PolygonTool(ctx),
      fill: new FillTool(ctx),
      move: frame,
    },
    stroke,
    pan: new PanTool(ctx),
    frame,
  };
}
