import { guardRoute } from '@/lib/server/guard';
import { receiveWebhook } from '@/lib/server/jobs/webhook';

// Upstream calls this, not a studio user: it is public, and authenticated by the HMAC signature instead.
export const POST = guardRoute(
  async (request: Request) => {
    const answer = await receiveWebhook(request.headers, await request.text());
    return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
  },
  { access: 'public' },
);
