import { openApiDocument } from '@/lib/api/openapi';
import { guardRoute } from '@/lib/server/guard';

/** The API's OpenAPI 3.1 document: public, so tools can read it before anyone has a token. */
async function get(): Promise<Response> {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}

export const GET = guardRoute(get, { access: 'public' });
