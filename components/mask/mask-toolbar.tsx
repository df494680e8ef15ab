'use client';

import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { MaskCommandButton } from './mask-command-button';
import { MaskImportButton } from './mask-import-button';
import { MaskSegmentButtons } from './mask-segment-buttons';
import { useEditorValue } from './use-editor-value';

function Divider() {
  return <span aria-hidden="true" className="mx-1 hidden h-6 w-px bg-zinc-800 sm:block" />;
}

/** Tools, history and whole-mask commands, importing a mask and the shortcut sheet. Every button is a registry command. */
export function MaskToolbar({
  editor,
  onImportError,
}: {
  editor: MaskEditorCore;
  onImportError: (message: string | null) => void;
}) {
  const expanding = useEditorValue(editor, (s) => s.expanding);
  return (
    <div
      role="toolbar"
      aria-label="Mask tools"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-800 px-2 py-2"
    >
      {/* The eleven drawing and history tools stay on one row; the text buttons wrap below them when space is short. */}
      <div className="flex items-center gap-0.5">
        <MaskCommandButton editor={editor} name="brush" compact />
        <MaskCommandButton editor={editor} name="eraser" compact />
        <MaskCommandButton editor={editor} name="rectangle" compact />
        <MaskCommandButton editor={editor} name="ellipse" compact />
        <MaskCommandButton editor={editor} name="lasso" compact />
        <MaskCommandButton editor={editor} name="polygon" compact />
        <MaskCommandButton editor={editor} name="fill" compact />
        {/* Only while expanding: drags the original inside the expanded canvas, so brush strokes stay strokes. */}
        {expanding ? <MaskCommandButton editor={editor} name="move" compact /> : null}
        <Divider />
        <MaskCommandButton editor={editor} name="undo" compact />
        <MaskCommandButton editor={editor} name="redo" compact />
        <MaskCommandButton editor={editor} name="invert" compact />
        <MaskCommandButton editor={editor} name="clear" compact />
      </div>
      <Divider />
      <MaskSegmentButtons editor={editor} />
      <span className="ml-auto" />
      <MaskImportButton editor={editor} onError={onImportError} />
      <MaskCommandButton editor={editor} name="shortcuts" compact tipAlign="end" />
    </div>
  );
}

/** Add / Subtract for shapes, lasso and fill (X swaps; Alt inverts one gesture). */
export function ShapeMode({ editor }: { editor: MaskEditorCore }) {
  const mode = useEditorValue(editor, (s) => s.shapeMode);
  const disabled = useEditorValue(editor, (s) => s.base === null);
  return (
    <div role="radiogroup" aria-label="Shape mode" className="flex items-center gap-1 px-1 text-sm">
      {(['add', 'subtract'] as const).map((value) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={mode === value}
          disabled={disabled}
          title={`${value === 'add' ? 'Add to' : 'Subtract from'} the mask (X swaps, Alt for one shape)`}
          onClick={() => editor.setShapeMode(value)}
          className={[
            'h-9 rounded-lg px-2.5 font-medium text-zinc-100 hover:bg-zinc-800',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400',
            mode === value ? 'bg-violet-600/20 ring-1 ring-violet-500 ring-inset' : '',
          ].join(' ')}
        >
          {value === 'add' ? 'Add' : 'Subtract'}
        </button>
      ))}
    </div>
  );
}
