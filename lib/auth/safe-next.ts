/**
 * Where to go after signing in, from an untrusted `next=` value: a path on this origin, or '/'.
 *
 * Checked the way a browser will read it, not by the text's shape: URL parsing drops tabs and newlines and reads
 * `\` as `/`, so `/\t/evil.example` and `/\evil.example` both become `//evil.example`, another site. So: no control
 * characters or backslashes at all, resolve against our own origin, require the same origin, and hand back the
 * normalised path, which must not itself start with `//`. Pure: the login page, its action and the form share it.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  const origin = 'http://overpaint.invalid';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? '/' : path;
}
