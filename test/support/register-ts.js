'use strict';
/**
 * `node -r ./test/support/register-ts.js src/main.ts`: runs the TypeScript sources in a child
 * process, transpiled on load by @swc/core with the settings jest uses (jest.config.js), so tests
 * that need a real process (the bot's exit codes, several instances side by side) test the code
 * as it is now, without a build they would depend on. Types are `npm run typecheck`'s job.
 */
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

// .tsx (the web area's views) is JSX for preact, as tsconfig.json and jest.config.js say.
const options = (filename) => ({
  filename,
  jsc: filename.endsWith('.tsx')
    ? { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic', importSource: 'preact' } } }
    : { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

// src imports its own modules as './x.js' (what ESM output needs); here that module is './x.ts'.
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTs(request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && /\.tsx?$/.test(parent?.filename ?? '')) {
    for (const ext of ['.ts', '.tsx']) {
      try {
        return resolve.call(this, `${request.slice(0, -3)}${ext}`, parent, ...rest);
      } catch {
        // not a TypeScript module after all: resolve the request as written
      }
    }
  }
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), options(filename)).code, filename);
};
require.extensions['.tsx'] = require.extensions['.ts'];
