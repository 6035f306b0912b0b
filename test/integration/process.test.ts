import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { isRunning } from '../../src/persistence/embedded-postgres';
import { tsNodeArgs } from '../support/ts-child';

let dataDir: string;
beforeAll(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'chamado-proc-')); });
afterAll(async () => { await rm(dataDir, { recursive: true, force: true }); });

/** Starts the bot (src/main.ts) with nothing but DATA_DIR and a free port, resolving once it listens. */
function startBot(): Promise<{ child: ChildProcess; port: number }> {
  const env = { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  const child = spawn(process.execPath, tsNodeArgs('src/main.ts'), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; port?: number };
      if (entry.msg === 'Chamado is listening') resolve({ child, port: entry.port! });
    });
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
const postmasterPid = async () => Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);

test('with no environment it serves /healthz on an embedded Postgres and stops cleanly on SIGTERM', async () => {
  const { child, port } = await startBot();
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(await res.json()).toEqual({ status: 'ok' });
  const pgPid = await postmasterPid();
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
  expect(isRunning(pgPid)).toBe(false);
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
}, 60_000);

/** Runs test/support/embedded-child.js and parses the JSON line it prints. */
function child(mode: 'query' | 'orphan'): { pid: number; migrations?: number } {
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'support', 'embedded-child.js'), mode, dataDir], { encoding: 'utf8', timeout: 45_000 });
  if (result.status !== 0) throw new Error(`embedded-child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim());
}

test('a second start reuses the data of the first', async () => {
  const { child: bot, port } = await startBot();
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  bot.kill('SIGINT');
  expect(await exited(bot)).toBe(0);
  expect(child('query').migrations).toBeGreaterThanOrEqual(1);
}, 60_000);

test('a Postgres left running by a killed start is taken over, not fatal, and its data kept', () => {
  const before = child('query').migrations;
  const { pid: orphan } = child('orphan');
  expect(isRunning(orphan)).toBe(true);
  const next = child('query');
  expect(next.pid).not.toBe(orphan);
  expect(isRunning(orphan)).toBe(false);
  expect(next.migrations).toBe(before);
}, 60_000);

const root = path.join(__dirname, '..', '..');
const parentOf = async (pid: number) => Number((await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ')[1]);

/**
 * `npm start` as a supervisor or a terminal runs it: in a process group of its own (a terminal's
 * foreground group), collecting the JSON log lines; resolves once the bot listens.
 */
function npmStart(): Promise<{ npm: ChildProcess; logs: { level: number; msg: string }[] }> {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: { level: number; msg: string }[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: npm.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { level: number; msg: string };
      logs.push(entry);
      if (entry.msg === 'Chamado is listening') resolve({ npm, logs });
    });
    npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
  });
}

const exitedWithin = (child: ChildProcess, ms: number) =>
  Promise.race([exited(child), new Promise<string>((resolve) => setTimeout(() => resolve(`still running after ${ms} ms`), ms).unref())]);

test.each([
  ['SIGTERM to the npm process (Docker, systemd, pm2)', (npm: ChildProcess) => npm.kill('SIGTERM')],
  ['Ctrl-C: SIGINT to the whole foreground process group', (npm: ChildProcess) => process.kill(-npm.pid!, 'SIGINT')],
])('%s drains the bot, stops the embedded Postgres after it and exits 0 within 15 s', async (_how, stop) => {
  const { npm, logs } = await npmStart();
  const pgPid = await postmasterPid();
  const botPid = await parentOf(pgPid);
  expect(isRunning(botPid)).toBe(true);
  stop(npm);
  expect(await exitedWithin(npm, 15_000)).toBe(0);
  expect(isRunning(botPid)).toBe(false);
  expect(isRunning(pgPid)).toBe(false);
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(logs.map((l) => l.msg)).toContain('shutting down');
  // Postgres stopped under a draining bot shows as errors (connections terminated, queries failing).
  expect(logs.filter((l) => l.level >= 50)).toEqual([]);
}, 60_000);
