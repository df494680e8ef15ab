export * from './types';
export { applyOperation, createAlpha, rasterizeMask, stampSpacing, strokeBounds, strokeCoverage } from './rasterize';
export type { PixelRect } from './rasterize';
export { MaskDocument, DEFAULT_HISTORY_LIMIT } from './document';
export type { MaskDocumentOptions } from './document';
export { encodeMaskPng, hasRepaintArea } from './png';
