// Direction rules for lib/ that ESLint's `no-restricted-imports` cannot say well (it sees import strings, not
// resolved paths), plus "no cycles". `npm test` runs `depcruise` with this file; any violation fails it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle means two modules are one concept split badly: move the shared part into a third module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-not-server',
      severity: 'error',
      comment: 'The engine is a stand-alone ToAPIs server: it gets its settings passed in, never from lib/server.',
      from: { path: '^lib/engine/' },
      to: { path: '^lib/server/' },
    },
    {
      name: 'jobs-not-server',
      severity: 'error',
      comment: 'lib/jobs is shared by client and server: server-only code depends on it, not the other way round.',
      from: { path: '^lib/jobs/' },
      to: { path: '^lib/server/' },
    },
    {
      name: 'jobs-not-toapis',
      severity: 'error',
      comment:
        'lib/jobs is shared with the browser; lib/toapis is the server-side upstream client and parser, which builds on lib/jobs.',
      from: { path: '^lib/jobs/' },
      to: { path: '^lib/toapis/' },
    },
    {
      name: 'mask-not-canvas',
      severity: 'error',
      comment: 'lib/mask is the pure mask model; lib/canvas draws it, so only canvas may import mask.',
      from: { path: '^lib/mask/' },
      to: { path: '^lib/canvas/' },
    },
    {
      name: 'lib-not-e2e',
      severity: 'error',
      comment: 'lib/ never reaches into the Playwright tree: shared test helpers live in lib/testing/.',
      from: { path: '^lib/' },
      to: { path: '^e2e/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^\\.next/', '^node_modules/', '^test-results/', '^scripts/bench/out/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
