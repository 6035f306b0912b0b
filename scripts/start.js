// `npm start`: build when the sources are newer than the build, then run the bot in a child Node
// whose NODE_OPTIONS are the ones we were given (proxies and NODE_EXTRA_CA_CERTS depend on them)
// plus a heap cap, unless the operator set one: V8 otherwise grows the heap lazily under load,
// past the 200 MB of RSS BENCHMARKS.md sets as the target.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'main.js');
const HEAP_CAP = '--max-old-space-size=128';

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

const given = process.env.NODE_OPTIONS ?? '';
const nodeOptions = /--max-old-space-size/.test(given) ? given : `${given} ${HEAP_CAP}`.trim();
const bot = spawn(process.execPath, [entry], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => bot.kill(signal));
bot.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
