export * from './types';
export {
  applyOperation,
  compositeCoverage,
  createAlpha,
  operationBounds,
  rasterizeMask,
  stampSpacing,
  strokeBounds,
  strokeCoverage,
} from './rasterize';
export type { PixelRect } from './rasterize';
export { MaskDocument, DEFAULT_HISTORY_LIMIT } from './document';
export type { MaskChange, MaskDocumentOptions } from './document';
export { encodeMaskPng, hasRepaintArea } from './png';
export { decodeMaskPng, maskSizeMismatch, resizeAlpha } from './import';
export type { DecodedMask } from './import';
export { featherMask, floodFill, growMask } from './morphology';
export { shapeCoverage, shapeOutline } from './shapes';
