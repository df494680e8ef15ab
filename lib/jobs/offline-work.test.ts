import { describe, expect, it } from 'vitest';
import { OFFLINE_WORK_SHORT, OFFLINE_WORK_TEXT, offlineWork, offlineWorkForStartPoint } from './offline-work';

describe('offlineWork', () => {
  it('follows the engine: mask → fill, second image + mask → placement, images alone → colour, none → placeholder', () => {
    expect(offlineWork({ references: 1, mask: true })).toBe('fill');
    expect(offlineWork({ references: 3, mask: true })).toBe('place');
    expect(offlineWork({ references: 2, mask: false })).toBe('colour');
    expect(offlineWork({ references: 1, mask: false })).toBe('resize');
    expect(offlineWork({ references: 0, mask: false })).toBe('placeholder');
    // A mask without an image cannot be sent; the engine makes a placeholder from the prompt.
    expect(offlineWork({ references: 0, mask: true })).toBe('placeholder');
  });

  it('says what each start point will get, style transfer included (the engine cannot restyle)', () => {
    expect(offlineWorkForStartPoint('inpaint')).toBe('fill');
    expect(offlineWorkForStartPoint('blend')).toBe('colour');
    expect(offlineWorkForStartPoint('style')).toBe('resize');
    expect(offlineWorkForStartPoint('text')).toBe('placeholder');
    expect(OFFLINE_WORK_TEXT.resize).toMatch(/without restyling/);
    expect(OFFLINE_WORK_SHORT.resize).toMatch(/no restyling/);
  });
});
