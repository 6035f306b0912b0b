// `npm start`: build when the sources are newer than the build, then run. Runs in this process,
// so the NODE_OPTIONS and NODE_EXTRA_CA_CERTS it was given apply untouched.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    const mtime = item.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const sources = Math.max(...['src', 'migrations', 'locales'].map((d) => newestMtime(path.join(root, d))));
if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < sources) {
  process.stderr.write('Building Chamado…\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  fs.utimesSync(entry, new Date(), new Date());
}
require(entry);
