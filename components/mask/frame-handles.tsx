'use client';

import { useSyncExternalStore } from 'react';
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';
import { Group, Rect, Text } from 'react-konva/lib/ReactKonvaCore';
import { FRAME_HANDLE_DRAWN_PX } from '@/lib/canvas/frame-drag';
import type { MaskEditor } from '@/lib/canvas/mask-editor';

const HALF = FRAME_HANDLE_DRAWN_PX / 2;

/**
 * The expand frame's outline, its eight handles (white squares with a violet edge, seen on light and dark images)
 * and, while dragging, the ratio and size it makes: screen pixels, on the UI layer, drawn by react-konva from what
 * the view publishes (`frameUi`), which changes only when the frame or the camera does, never per stroke point.
 * The handles only show where to press: the input router hit-tests them (28 px squares), so they listen to nothing.
 */
export function FrameHandles({ editor }: { editor: MaskEditor }) {
  const ui = useSyncExternalStore(editor.frameUi.subscribe, editor.frameUi.get, editor.frameUi.get);
  if (!ui) return null;
  return (
    <Group listening={false}>
      <Rect {...ui.outline} stroke="rgba(167, 139, 250, 0.95)" strokeWidth={1.5} dash={[8, 4]} listening={false} />
      {ui.handles.map(({ handle, x, y }) => (
        <Rect
          key={handle}
          x={x - HALF}
          y={y - HALF}
          width={FRAME_HANDLE_DRAWN_PX}
          height={FRAME_HANDLE_DRAWN_PX}
          fill="#fafafa"
          stroke="#6d28d9"
          strokeWidth={2}
          cornerRadius={2}
          listening={false}
        />
      ))}
      {ui.label ? (
        <Text
          text={ui.label}
          x={ui.outline.x + 8}
          y={ui.outline.y + 8}
          fontSize={13}
          fontStyle="bold"
          fill="#fafafa"
          padding={4}
          shadowColor="#09090b"
          shadowBlur={4}
          shadowOpacity={1}
          listening={false}
        />
      ) : null}
    </Group>
  );
}
