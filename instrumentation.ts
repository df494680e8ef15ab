// Next.js calls register() once when a server process starts (never during `next build` requests).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Prerendering during `next build` may load this file too; the database and the runner are for serving only.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { bootServer } = await import('./lib/server/boot');
  await bootServer();
}
