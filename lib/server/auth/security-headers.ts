import 'server-only';
import { serverEnv } from '../env';

/*
 * The Content Security Policy: scripts only from our origin and with this response's nonce (Next puts it on its
 * own inline scripts; 'strict-dynamic' lets those load the chunks they need), images from our origin plus blob:
 * and data: (reference previews, the mask canvas), fetches to our origin only, no plugins, no framing, forms and
 * <base> only to ourselves. Styles allow inline: React and Next write style attributes in server-rendered HTML
 * (progress bars, the font loader), which a nonce cannot cover, and styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    `worker-src 'self' blob:`,
    `media-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Files in public/ (icons, the README screenshot): anyone may fetch them. */
const PUBLIC_FILES = /^\/(readme\/[^/]+\.(png|jpe?g|webp|svg)|icon\.svg|favicon\.ico|robots\.txt)$/i;

/**
 * Paths anyone may open with APP_PASSWORD set: share pages and their images, the login, health, the webhook
 * (signed by the upstream instead), the engine (its own secret), build assets and public files. Everything else
 * needs a session; e2e/gate.spec.ts walks the build's route list so a new route has to be placed on one side.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname.startsWith('/s/') ||
    // Review links: the client has no account; the token in the path is the permission (lib/server/reviews).
    pathname.startsWith('/r/') ||
    pathname === '/login' ||
    // Accounts mode: an invitation or password reset link (the token is the permission) and the identity
    // provider's redirect back.
    (serverEnv().authMode === 'accounts' &&
      (/^\/(join|reset)\/[^/]+$/.test(pathname) || pathname === '/api/auth/callback/oidc')) ||
    pathname === '/api/health' ||
    pathname === '/api/webhooks/toapis' ||
    // The API's OpenAPI document, so tools can read it before anyone has a token.
    pathname === '/api/v1/openapi.json' ||
    // The offline engine has its own per-boot secret (lib/engine/README.md); the job runner calls it server-side.
    pathname.startsWith('/engine/v1/') ||
    pathname.startsWith('/_next/static/') ||
    PUBLIC_FILES.test(pathname)
  );
}
