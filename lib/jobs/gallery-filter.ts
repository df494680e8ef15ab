/**
 * The gallery's filter as view state: one object, read from and written to the URL's search params so a filtered
 * gallery can be linked and reloaded. Pure and framework-free (the page, the client and the tests share it); the
 * server validates it again (lib/server/gallery/list.ts) before it becomes SQL.
 */
import { STATUS_LABELS, type JobStatus } from './types';

export const APPROVAL_FILTERS = ['approved', 'rejected', 'none'] as const;
export type ApprovalFilter = (typeof APPROVAL_FILTERS)[number];

export interface GalleryFilter {
  /** Text in the prompt. */
  q?: string;
  status?: JobStatus;
  /** Whose tasks: `mine`, a person's id, or absent for everyone. */
  by?: string;
  /** Only results the viewer starred. */
  starred?: boolean;
  /** Only results on this board (its id). */
  board?: string;
  /** Only approved results, only rejected ones, or only those nobody decided on yet. */
  approval?: ApprovalFilter;
  /** Only results a client approved through a review link. */
  clientApproved?: boolean;
  /** Tasks made on or after this day (YYYY-MM-DD, UTC). */
  from?: string;
  /** Tasks made on or before this day (YYYY-MM-DD, UTC). */
  to?: string;
}

const DAY = /^\d{4}-\d\d-\d\d$/;
const ID = /^[\w-]{1,100}$/;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first === '' ? undefined : first;
}

const validDay = (value: string | undefined) =>
  value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;

/** The filter a URL asks for; anything unknown or malformed is left out (a stale link still opens the gallery). */
export function galleryFilterFromParams(params: Params): GalleryFilter {
  const filter: GalleryFilter = {};
  const q = read(params, 'q')?.slice(0, 200);
  if (q?.trim()) filter.q = q;
  const status = read(params, 'status');
  if (status && status in STATUS_LABELS) filter.status = status as JobStatus;
  const by = read(params, 'by');
  if (by && ID.test(by)) filter.by = by;
  if (read(params, 'starred') === '1') filter.starred = true;
  const board = read(params, 'board');
  if (board && ID.test(board)) filter.board = board;
  const approval = read(params, 'approval');
  if (approval && (APPROVAL_FILTERS as readonly string[]).includes(approval)) {
    filter.approval = approval as ApprovalFilter;
  }
  if (read(params, 'client') === 'approved') filter.clientApproved = true;
  const from = validDay(read(params, 'from'));
  if (from) filter.from = from;
  const to = validDay(read(params, 'to'));
  if (to) filter.to = to;
  return filter;
}

/** The search params for a filter, in a fixed order (so equal filters give equal URLs and query keys). */
export function galleryFilterToParams(filter: GalleryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q?.trim()) params.set('q', filter.q.trim());
  if (filter.status) params.set('status', filter.status);
  if (filter.by) params.set('by', filter.by);
  if (filter.starred) params.set('starred', '1');
  if (filter.board) params.set('board', filter.board);
  if (filter.approval) params.set('approval', filter.approval);
  if (filter.clientApproved) params.set('client', 'approved');
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params;
}

/** The search-param keys the gallery owns in the studio's URL. */
export const GALLERY_PARAM_KEYS = [
  'q',
  'status',
  'by',
  'starred',
  'board',
  'approval',
  'client',
  'from',
  'to',
] as const;

export function isFiltered(filter: GalleryFilter): boolean {
  return galleryFilterToParams(filter).size > 0;
}
