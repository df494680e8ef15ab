import 'server-only';
import { fail, ok, type Result } from '@/lib/errors';

/**
 * Reads the form every Generate-like action sends (Generate, Expand canvas, Make variants for ratios…): `payload`,
 * JSON for the fields, and `mask`, an optional PNG file. The JSON is checked by each action's own schema after this.
 */
export function readSubmitForm(formData: FormData): Result<{ input: unknown; mask: Blob | null }> {
  const payload = formData.get('payload');
  const mask = formData.get('mask');
  try {
    return ok({
      input: JSON.parse(typeof payload === 'string' ? payload : '') as unknown,
      mask: mask instanceof Blob ? mask : null,
    });
  } catch {
    return fail('form:invalid', 'The form could not be read; reload the page and try again.');
  }
}
