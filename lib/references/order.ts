/**
 * The reference list's order as pure functions: the first item is the base (the image the mask is painted on).
 * Used by the tray's drag, its keyboard reordering and Make base.
 */

/** Moves the item at `from` to `to` (both clamped to the list); returns a new list. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.min(list.length - 1, Math.max(0, to));
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Puts the item with `id` first, keeping the others in their order. */
export function makeBase<T extends { id: string }>(list: readonly T[], id: string): T[] {
  const index = list.findIndex((item) => item.id === id);
  return index <= 0 ? [...list] : moveItem(list, index, 0);
}

/** The reference already holding these bytes (same SHA-256), if any: a duplicate is offered to skip. */
export function findDuplicate<T extends { sha256: string }>(list: readonly T[], sha256: string): T | null {
  return list.find((item) => item.sha256 === sha256) ?? null;
}

/** SHA-256 of a file in the browser, lowercase hex like the server's blob keys; null where Web Crypto is missing. */
export async function fileSha256(file: Blob): Promise<string | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
