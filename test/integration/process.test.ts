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
