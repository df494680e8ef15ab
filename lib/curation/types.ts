/** Boards as the browser sees them (the board list, the board page, the gallery's board filter). */
export interface BoardView {
  id: string;
  name: string;
  createdByName: string | null;
  /** Results on the board that have not been deleted. */
  items: number;
  createdAt: string;
}

/** One result on a board: enough to show it and to open its task. */
export interface BoardItemView {
  jobId: string;
  position: number;
  prompt: string;
  width: number;
  height: number;
  /** The studio's own image URLs (a shared board page uses its token's URLs instead). */
  url: string;
  thumbUrl: string;
  addedByName: string | null;
  approval: 'approved' | 'rejected' | null;
}

export interface BoardShareView {
  id: string;
  tokenHint: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The names a board must have: something to tell it by, short enough for a menu. */
export const BOARD_NAME_MAX = 80;
