import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Layering rules. In flat config a later block's `no-restricted-imports` REPLACES an earlier one for the files
// both match, so each block lists every restriction its files need (lib/mask repeats lib's).
const UI_COMPONENTS = {
  regex: '^(@/|(\\.\\./)+)components(/|$)',
  message: 'lib/ may not import UI components: move the shared logic into lib/ instead.',
};
const SERVER_ONLY = {
  regex: '^(@/|(\\.\\./)+)lib/(server|toapis|engine)(/|$)',
  message: 'server-only code: call a server action or route instead.',
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'node_modules/**',
    '.data/**',
    'test-results/**',
    'playwright-report/**',
    'blob-report/**',
    'scripts/bench/out/**',
    'next-env.d.ts',
  ]),
  {
    files: ['lib/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [UI_COMPONENTS] }],
    },
  },
  {
    files: ['lib/mask/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|konva|react-konva|next)(/|$)',
              message: 'lib/mask is pure mask logic: no React, Konva or Next.js (the canvas layer adapts it).',
            },
            { ...UI_COMPONENTS, message: 'lib/mask may not import UI components.' },
            {
              regex: '^(@/lib/|(\\.\\./)+(lib/)?)server(/|$)',
              message: 'lib/mask is shared by client and server: it may not import lib/server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [SERVER_ONLY] }],
    },
  },
  {
    // Playwright fixtures receive a `use` callback, which the React hooks rule mistakes for React's `use`.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
]);
