// `npm run migration:run|revert` against DATABASE_URL (or the embedded Postgres in DATA_DIR).
require('dotenv/config');
const { loadConfig } = require('../dist/src/config');
const { createLogger } = require('../dist/src/logger');
const { openDatabase } = require('../dist/src/database');

async function run(direction) {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, log); // applies pending migrations
  try {
    if (direction === 'revert') {
      await db.dataSource.undoLastMigration();
      log.info('last migration reverted');
    }
  } finally {
    await db.close();
  }
}

run(process.argv[2]).catch((error) => {
  process.stderr.write(`migration failed: ${error.message}\n`);
  process.exit(1);
});
