'use client';

import type Konva from 'konva/lib/Core';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Group, Layer, Stage } from 'react-konva/lib/ReactKonvaCore';
import type { Size } from '@/lib/canvas/camera';
import type { MaskEditor } from '@/lib/canvas/mask-editor';
import { FrameHandles } from './frame-handles';

/**
 * The editor's Konva stage composed in React (react-konva): the stage sized to its box, its three layers, and the
 * frame handles on the UI layer. The drawing itself stays imperative: once the layers exist, the view (`MaskEditor`)
 * attaches to them and draws the base, the mask bitmap and the live stroke on its own, per animation frame.
 */
export function MaskStage({
  editor,
  focusTarget,
  empty,
}: {
  editor: MaskEditor;
  focusTarget: RefObject<HTMLElement | null>;
  /** No base yet: nothing to draw, so the canvases stay unpainted (see below). */
  empty: boolean;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const sceneRef = useRef<Konva.Layer>(null);
  const overlayRef = useRef<Konva.Layer>(null);
  const uiRef = useRef<Konva.Layer>(null);
  const liveRef = useRef<Konva.Group>(null);
  const [size, setSize] = useState<Size | null>(null);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => {
      const next = { width: Math.max(1, box.clientWidth), height: Math.max(1, box.clientHeight) };
      setSize((prev) => (prev && prev.width === next.width && prev.height === next.height ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (size) editor.setViewport(size);
  }, [editor, size]);

  const ready = size !== null;
  useLayoutEffect(() => {
    const [stage, scene, overlay, ui, live] = [stageRef, sceneRef, overlayRef, uiRef, liveRef].map((r) => r.current);
    const target = focusTarget.current;
    if (!ready || !stage || !scene || !overlay || !ui || !live || !target) return;
    editor.attach({
      stage: stage as Konva.Stage,
      scene: scene as Konva.Layer,
      overlay: overlay as Konva.Layer,
      ui: ui as Konva.Layer,
      live: live as Konva.Group,
      focusTarget: target,
    });
    return () => editor.detach();
  }, [editor, ready, focusTarget]);

  return (
    // Hidden while empty, not unmounted (the stage keeps its size and the view stays attached): with software
    // compositing Chromium copies every visible canvas on each commit, 0.8 ms a frame for three empty ones while the
    // gallery beside them scrolls (scripts/bench/gallery).
    <div ref={boxRef} className={empty ? 'invisible absolute inset-0' : 'absolute inset-0'}>
      {size ? (
        <Stage ref={stageRef} width={size.width} height={size.height}>
          <Layer ref={sceneRef} listening={false} />
          <Layer ref={overlayRef} listening={false} />
          <Layer ref={uiRef} listening={false}>
            <Group ref={liveRef} listening={false} />
            <FrameHandles editor={editor} />
          </Layer>
        </Stage>
      ) : null}
    </div>
  );
}
