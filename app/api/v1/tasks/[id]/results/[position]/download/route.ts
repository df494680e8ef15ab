import { apiDownloadQuerySchema } from '@/lib/api/schemas';
import { apiResponse } from '@/lib/server/api/respond';
import { resultDownload } from '@/lib/server/api/downloads';
import { guardRoute } from '@/lib/server/guard';
import { fail } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** A result's file: as the gallery shows it (restored) or the model's own output (`?variant=generated`). */
async function get(
  request: Request,
  context: { params: Promise<{ id: string; position: string }> },
): Promise<Response> {
  const { id, position } = await context.params;
  const query = apiDownloadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return apiResponse(fail('form:invalid', 'variant: use restored or generated.', { field: 'variant' }));
  }
  const file = await resultDownload(id, Number(position), query.data.variant);
  return file.ok ? file.data : apiResponse(file);
}

export const GET = guardRoute(get, { token: 'view' });
