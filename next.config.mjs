// References are uploaded one per server action call, so the body limit is one reference (50 MB) plus
// multipart overhead, not sixteen of them. See ../shared/docs/stack-notes.md ("Server actions reject bodies over 1 MB").
// proxy.ts buffers every request body with its own cap (10 MB by default), so it needs the same limit.
const MAX_ACTION_BODY = '52mb';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or WASM packages that must be loaded by Node at run time, never bundled.
  serverExternalPackages: [
    'sharp',
    '@electric-sql/pglite',
    '@techstark/opencv-js',
    'pg',
    'proper-lockfile',
    '@imgly/background-removal-node',
    'onnxruntime-node',
  ],
  // Link previews: chat tools fetch share pages with all kinds of user agents, and Open Graph tags must be in the
  // <head> of the first bytes for them, not streamed in later (only the share page has dynamic metadata).
  htmlLimitedBots: /.*/,
  // No image optimiser: /_next/image would fetch /s/… and /api/assets/… itself, past the proxy and the share checks,
  // and keep the result in its own cache for hours after a link is revoked. The app never uses next/image; with
  // this set, /_next/image answers 404.
  images: { unoptimized: true },
  // Headers for every response, static files included. The CSP needs a per-request nonce, so proxy.ts sets it.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // Other sites see our origin, never a path (a path may hold a share token); share pages send none at all.
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
        ],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: MAX_ACTION_BODY },
    proxyClientMaxBodySize: MAX_ACTION_BODY,
  },
};

export default nextConfig;
