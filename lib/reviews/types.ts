/**
 * Review links as the browser sees them: the client's page (no studio data beyond the images and the title the
 * sharer chose) and the studio's own view (who decided and said what, when). Pure data shapes and limits.
 */
import type { ShareExpiry } from '@/lib/share/types';

export { SHARE_EXPIRIES as REVIEW_EXPIRIES, SHARE_EXPIRY_LABELS as REVIEW_EXPIRY_LABELS } from '@/lib/share/types';
export type ReviewExpiry = ShareExpiry;

/** Longest comment a reviewer (or a studio reply) may send, in characters. */
export const COMMENT_MAX = 1000;
/** Longest name a reviewer may give. */
export const REVIEWER_NAME_MAX = 60;
/** Longest watermark text: it has to fit across an image. */
export const WATERMARK_MAX = 40;

export type ReviewTargetKind = 'task' | 'set' | 'board';
export type ReviewVerdict = 'approved' | 'changes_requested';
export type ReviewStatus = 'open' | 'closed' | 'expired' | 'revoked';

export const REVIEW_STATUS_TEXT: Record<ReviewStatus, string> = {
  open: 'Open',
  closed: 'Closed',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** A point on an image, as fractions of its width and height (0–1 from the top left). */
export interface Pin {
  x: number;
  y: number;
}

export interface ReviewComment {
  id: string;
  /** The reviewer's name, or the studio person's for a reply. */
  author: string;
  fromStudio: boolean;
  body: string;
  pin: Pin | null;
  replyTo: string | null;
  at: string;
}

/** One reviewer's marks on one candidate. */
export interface ReviewDecision {
  reviewer: string;
  picked: boolean;
  pickedAt: string | null;
  verdict: ReviewVerdict | null;
  verdictAt: string | null;
}

/** A candidate on the client's page. URLs go through the review's token, never the studio's routes. */
export interface ReviewCandidate {
  jobId: string;
  position: number;
  label: string;
  width: number;
  height: number;
  imageUrl: string;
  thumbUrl: string;
  beforeUrl: string | null;
  /** This browser's reviewer's own marks. */
  mine: { picked: boolean; verdict: ReviewVerdict | null };
  decisions: ReviewDecision[];
  comments: ReviewComment[];
}

/** What the client's page needs, and what each of its actions answers with. */
export interface ReviewPageState {
  title: string;
  closed: boolean;
  /** The name this browser gave for this link, or null before `Continue`. */
  reviewerName: string | null;
  candidates: ReviewCandidate[];
}

/** A review in the studio's list. */
export interface ReviewSummary {
  id: string;
  kind: ReviewTargetKind;
  title: string;
  tokenHint: string;
  status: ReviewStatus;
  includeBefore: boolean;
  watermark: string | null;
  createdAt: string;
  createdByName: string | null;
  expiresAt: string | null;
  closedAt: string | null;
  closedByName: string | null;
  revokedAt: string | null;
  viewCount: number;
  lastViewedAt: string | null;
  candidates: number;
  approved: number;
  picked: number;
  comments: number;
}

/** A candidate in the studio's review view: the studio's own image URLs and everything said about it. */
export interface ReviewDetailItem {
  jobId: string;
  position: number;
  label: string;
  thumbUrl: string;
  decisions: ReviewDecision[];
  comments: ReviewComment[];
}

export interface ReviewDetail extends ReviewSummary {
  reviewers: { name: string; since: string }[];
  items: ReviewDetailItem[];
}

export interface CreatedReview {
  /** The absolute link, `<origin>/r/<token>`: shown once, only its hash is stored. */
  url: string;
  review: ReviewSummary;
}

/** Clients' marks on a result, for the gallery's cards: names, by kind. Keyed by `${jobId}/${position}`. */
export interface ClientMarks {
  approvedBy: string[];
  pickedBy: string[];
  changesBy: string[];
}

export function resultKey(jobId: string, position: number): string {
  return `${jobId}/${position}`;
}
