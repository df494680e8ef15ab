import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

// Bundled from npm: the build never reaches a font CDN (it has no network in CI).
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
});

// Every page renders per request: the Content Security Policy's nonce (proxy.ts) can only be put on scripts then.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Overpaint',
  description: 'Paint a mask, describe the edit, get results: a browser studio for AI image editing.',
};

export const viewport: Viewport = { themeColor: '#09090b', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
