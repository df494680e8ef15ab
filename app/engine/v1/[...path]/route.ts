import { getEngine } from '@/lib/server/engine-host';

// The built-in offline engine, reached by the app's own upstream client over HTTP (see lib/engine/README.md).
// Node runtime: it uses sharp, OpenCV.js and the file system. Never cached: every call is a live API call.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getEngine().handle(request);
}

export function POST(request: Request): Promise<Response> {
  return getEngine().handle(request);
}
