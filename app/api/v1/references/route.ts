import { apiAssetSchema } from '@/lib/api/schemas';
import { apiResponse } from '@/lib/server/api/respond';
import { readCappedForm } from '@/lib/server/api/body';
import { storeReference } from '@/lib/server/assets';
import { guardRoute } from '@/lib/server/guard';
import { fail } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** Upload one reference image (`file` part); the studio's own checks and conversions apply. */
async function post(request: Request): Promise<Response> {
  const form = await readCappedForm(request);
  if (!form.ok) return apiResponse(form);
  const file = form.data.get('file');
  if (!(file instanceof File))
    return apiResponse(fail('form:invalid', 'file: no image file part was sent.', { field: 'file' }));
  // The studio's image URLs need a session; an API caller refers to the reference by its id.
  return apiResponse(await storeReference(file), 201, (asset) => apiAssetSchema.parse(asset));
}

export const POST = guardRoute(post, { token: 'generate' });
