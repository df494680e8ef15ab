/**
 * What the offline engine does with a request, told from its shape alone (lib/engine/README.md's table): it is not
 * a generative model, so the studio says plainly what it will do instead of following the prompt. Plain
 * TypeScript: the start cards say it before a task, the job card after.
 */
import type { StartPoint } from './start-points';

export type OfflineWork = 'fill' | 'place' | 'colour' | 'resize' | 'placeholder';

/** The request's shape: how many images were sent and whether a mask was. */
export interface RequestShape {
  references: number;
  mask: boolean;
}

export function offlineWork({ references, mask }: RequestShape): OfflineWork {
  if (references === 0) return 'placeholder';
  if (mask) return references > 1 ? 'place' : 'fill';
  return references > 1 ? 'colour' : 'resize';
}

/** One line each, after "Offline engine: ". */
export const OFFLINE_WORK_TEXT: Record<OfflineWork, string> = {
  fill: 'fills the painted area from its surroundings; the prompt is not followed',
  place: 'fills the painted area, then places the second image into it; the prompt is not followed',
  colour: 'gives the base the colours of the other images; the prompt is not followed',
  resize: 'resizes the image to the output size, without restyling it',
  placeholder: 'makes a labelled placeholder; it cannot draw from a prompt',
};

/** A few words each, for the start cards, where the full line would crowd four cards. */
export const OFFLINE_WORK_SHORT: Record<OfflineWork, string> = {
  fill: 'fills the painted area from its surroundings',
  place: 'places the second image in the painted area',
  colour: 'takes the colours of the other images',
  resize: 'resizes only, no restyling',
  placeholder: 'a labelled placeholder, no drawing',
};

/** The shape each start point leads to, for saying up front what the offline engine will make of it. */
const START_POINT_SHAPES: Record<StartPoint, RequestShape> = {
  blend: { references: 2, mask: false },
  inpaint: { references: 1, mask: true },
  style: { references: 1, mask: false },
  text: { references: 0, mask: false },
};

export function offlineWorkForStartPoint(point: StartPoint): OfflineWork {
  return offlineWork(START_POINT_SHAPES[point]);
}
