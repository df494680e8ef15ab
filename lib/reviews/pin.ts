import type { Pin } from '@/lib/reviews/types';

/** How far one arrow key moves a pin (Shift: finer), as a fraction of the image. */
export const PIN_STEP = 0.05;
export const PIN_FINE_STEP = 0.01;

const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));

/** The pin after an arrow key, or null for any other key. */
export function movePin(pin: Pin, key: string, fine: boolean): Pin | null {
  const step = fine ? PIN_FINE_STEP : PIN_STEP;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const move = moves[key];
  return move ? { x: clamp(pin.x + move[0]), y: clamp(pin.y + move[1]) } : null;
}

/** Where a click landed on an element, as a pin. */
export function pinFromClick(rect: DOMRect, clientX: number, clientY: number): Pin {
  return { x: clamp((clientX - rect.left) / rect.width), y: clamp((clientY - rect.top) / rect.height) };
}

export function describePin(pin: Pin): string {
  return `${Math.round(pin.x * 100)}% across, ${Math.round(pin.y * 100)}% down`;
}
