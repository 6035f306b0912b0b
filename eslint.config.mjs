// The linter `npm test` runs (`npm run lint`, zero warnings). A small, strict set: rules that
// catch bugs or keep the project's promises (no `any` without a reason, no console in src, no SQL
// outside src/persistence), not a style guide.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Every eslint-disable comment says why, after ` -- ` or on the comment line above it. */
const justifiedDisable = {
  meta: { type: 'suggestion', schema: [], messages: { why: 'Say why the rule is off: `eslint-disable… -- <reason>` or a comment on the line above.' } },
  create(context) {
    const source = context.sourceCode;
    return {
      Program() {
        const comments = source.getAllComments();
        comments.forEach((comment, i) => {
          if (!/^\s*eslint-disable/.test(comment.value) || / -- \S/.test(comment.value)) return;
          const previous = comments[i - 1];
          if (previous && previous.loc.end.line === comment.loc.start.line - 1 && !/eslint-disable/.test(previous.value)) return;
          context.report({ loc: comment.loc, messageId: 'why' });
        });
      },
    };
  },
};

/** A call `x.query(…)` or `x.createQueryBuilder(…)`: SQL, which lives in src/persistence only. */
const sqlCall = (name) => ({
  selector: `CallExpression[callee.type='MemberExpression'][callee.property.name='${name}']`,
  message: `SQL lives in src/persistence (or migrations/): call a repository or port instead of .${name}().`,
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'bench/results/', 'manifest/teams/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { chamado: { rules: { 'justified-disable': justifiedDisable } } },
    rules: {
      'chamado/justified-disable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'max-len': ['error', { code: 180, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', fetch: 'readonly',
        AbortSignal: 'readonly', Buffer: 'readonly', URL: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web area's one script runs in the browser.
    files: ['src/web/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly' } },
  },
  {
    // Scripts and benchmarks speak to the operator on the terminal; tests may print what they measure.
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/persistence/**'],
    rules: { 'no-restricted-syntax': ['error', sqlCall('query'), sqlCall('createQueryBuilder')] },
  },
);
