import { describe, expect, it } from 'vitest';
import { describePin, movePin, pinFromClick } from './pin';

describe('review pins', () => {
  it('move by arrow keys, finer with Shift, and stay on the image', () => {
    expect(movePin({ x: 0.5, y: 0.5 }, 'ArrowRight', false)).toEqual({ x: 0.55, y: 0.5 });
    expect(movePin({ x: 0.5, y: 0.5 }, 'ArrowUp', true)).toEqual({ x: 0.5, y: 0.49 });
    expect(movePin({ x: 0.98, y: 0.01 }, 'ArrowRight', false)).toEqual({ x: 1, y: 0.01 });
    expect(movePin({ x: 0.02, y: 0.5 }, 'ArrowLeft', false)).toEqual({ x: 0, y: 0.5 });
    expect(movePin({ x: 0.5, y: 0.5 }, 'Enter', false)).toBeNull();
  });

  it('come from a click as fractions of the element, and read as words', () => {
    const rect = { left: 100, top: 50, width: 200, height: 100 } as DOMRect;
    expect(pinFromClick(rect, 150, 75)).toEqual({ x: 0.25, y: 0.25 });
    expect(pinFromClick(rect, 999, -10)).toEqual({ x: 1, y: 0 });
    expect(describePin({ x: 0.25, y: 0.9 })).toBe('25% across, 90% down');
  });
});
