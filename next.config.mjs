// References are uploaded one per server action call, so the body limit is one reference (50 MB) plus
// multipart overhead, not sixteen of them. See ../shared/docs/stack-notes.md ("Server actions reject bodies over 1 MB").
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
  experimental: {
    serverActions: { bodySizeLimit: MAX_ACTION_BODY },
  },
};

export default nextConfig;
