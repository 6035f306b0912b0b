import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/persistence/embedded-postgres';
import { startSummary } from '../../src/start-summary';
import { loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tsNodeArgs } from '../support/ts-child';

let dataDir: string;
let db: TestDatabase;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chamado-start-'));
  db = await createTestDatabase();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await db?.drop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  logs: { level: number; msg: string; [key: string]: unknown }[];
}

/**
 * Runs the compiled bot with exactly `env` (plus PATH), until it exits or, with `until`, until a
 * log line matches (then SIGTERM).
 */
function run(env: Record<string, string>, until?: (msg: string) => boolean, timeoutMs = 40_000): Promise<Run> {
  const childEnv = { PATH: process.env.PATH!, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env };
  const child = spawn(process.execPath, tsNodeArgs('src/main.ts'), { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += String(chunk);
    if (until && stdout.split('\n').some((line) => line.startsWith('{') && until(JSON.parse(line).msg))) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr += String(chunk); });
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, logs: stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)) });
    });
  });
}

test.each([
  [{ SLACK_BOT_TOKEN: 'xoxb-half-configured-123' }, 'SLACK_SIGNING_SECRET', 'xoxb-half-configured-123'],
  [{ SLACK_SIGNING_SECRET: 'half-configured-secret' }, 'SLACK_BOT_TOKEN', 'half-configured-secret'],
  [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xoxb-pasted-in-the-wrong-place' }, 'SLACK_APP_TOKEN', 'xoxb-pasted-in-the-wrong-place'],
  [{ DATABASE_URL: 'mysql://root:hunter2-in-url@db/x' }, 'DATABASE_URL', 'hunter2-in-url'],
  [{ SCHEDULER_CRON: '99 * * * *' }, 'SCHEDULER_CRON', '\u0000'],
  [{ DEFAULT_LOCALE: 'pt' }, 'DEFAULT_LOCALE', '\u0000'],
])('%j stops the start with exit 1 and one line naming %s, before anything starts, never echoing a secret', async (env, name, secret) => {
  const fresh = await mkdtemp(path.join(tmpdir(), 'chamado-start-'));
  const r = await run({ ...env, DATA_DIR: fresh });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^Chamado cannot start: ${name}: [^\\n]+\\n$`));
  expect(r.stdout).toBe('');
  expect(r.stderr + r.stdout).not.toContain(secret);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  // Nothing started: no embedded Postgres was initialised.
  expect(existsSync(path.join(fresh, 'pg'))).toBe(false);
  await rm(fresh, { recursive: true, force: true });
});

test('a database that does not answer is retried with a line per try for DATABASE_WAIT, then exit 1 without its password', async () => {
  const port = await freePort();
  const started = Date.now();
  const r = await run({ DATABASE_URL: `postgres://chamado:pa55-never-print@127.0.0.1:${port}/chamado`, DATABASE_WAIT: '3s' });
  expect(r.code).toBe(1);
  expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  const tries = r.logs.filter((l) => l.msg === 'the database does not answer yet; trying again');
  expect(tries.length).toBeGreaterThanOrEqual(2);
  expect(tries.every((l) => l.level === 40 && typeof l.retryInMs === 'number')).toBe(true);
  expect(r.stderr).toMatch(/^Chamado cannot start: the database at postgres:\/\/chamado:redacted@127\.0\.0\.1:\d+\/chamado did not answer within 3s .*DATABASE_WAIT.*\n$/);
  expect(r.stdout + r.stderr).not.toContain('pa55-never-print');
}, 30_000);

test('a database that comes up during DATABASE_WAIT is used: the start goes on', async () => {
  // A TCP relay to the test database.
  const target = new URL(db.url);
  const port = await freePort();
  const sockets: Socket[] = [];
  let relay: Server | null = null;
  // It opens once the bot has said it is waiting, like a Postgres container still booting.
  const open = () => {
    relay ??= createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }).listen(port, '127.0.0.1');
  };
  const url = new URL(db.url);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  try {
    const r = await run({ DATABASE_URL: url.toString(), DATABASE_WAIT: '30s' }, (msg) => {
      if (msg === 'the database does not answer yet; trying again') open();
      return msg === 'Chamado is listening';
    });
    expect(r.logs.filter((l) => l.msg === 'the database does not answer yet; trying again').length).toBeGreaterThanOrEqual(1);
    expect(r.logs.map((l) => l.msg)).toContain('Chamado is listening');
    expect(r.code).toBe(0);
    if (url.password) expect(r.stdout + r.stderr).not.toContain(url.password);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (relay ? (relay as Server).close(() => resolve()) : resolve()));
  }
}, 40_000);

test('NODE_ENV=production with no platform on starts, warning that nothing is on and what to set', async () => {
  const r = await run({ NODE_ENV: 'production', DATABASE_URL: db.url }, (msg) => msg === 'Chamado is listening');
  const warning = r.logs.find((l) => l.level === 40 && /no chat platform is on/.test(l.msg));
  expect(warning?.msg).toMatch(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET .*MICROSOFT_APP_ID/);
  expect(r.code).toBe(0);
}, 40_000);

test('with SMTP_URL, EMAIL_FROM and EMAIL_TICKETS_CHANNEL e-mail is on, said so in the summary; the SMTP password is never printed', async () => {
  const env = { DATABASE_URL: db.url, SMTP_URL: 'smtp://mailer:smtp-pass-never@mail.example.com:587', EMAIL_FROM: 'support@acme.example', EMAIL_TICKETS_CHANNEL: 'slack:C1' };
  const r = await run(env, (msg) => msg === 'Chamado is listening');
  expect(r.logs.find((l) => /e-mail is not available/.test(l.msg))).toBeUndefined();
  expect(r.stdout + r.stderr).not.toContain('smtp-pass-never');
  const line = startSummary(loadConfig({ PORT: '3000', ...env }), { url: 'http://127.0.0.1:3000' });
  expect(line).toContain('e-mail on (as support@acme.example, sending through mail.example.com:587; tickets in slack:C1)');
  expect(line).not.toContain('smtp-pass-never');
}, 40_000);

test('the start log on a pipe is JSON only; a terminal gets one readable line of what is on and what to set next', async () => {
  const r = await run({ DATABASE_URL: db.url }, (msg) => msg === 'Chamado is listening');
  expect(r.stdout.split('\n').filter(Boolean).every((line) => line.startsWith('{'))).toBe(true);
  const line = startSummary(loadConfig({ PORT: '3000' }), { url: 'http://127.0.0.1:3000' });
  expect(line).toBe(
    'Chamado is running on http://localhost:3000: Slack off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET); ' +
      'Teams on without sign-in, for the Bot Framework Emulator (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for real Teams); ' +
      'e-mail off (set SMTP_URL, EMAIL_FROM and EMAIL_TICKETS_CHANNEL); ' +
      'embedded Postgres in ./.data; no agents yet (set AGENTS or SLACK_AGENTS_CHANNEL; `whoami` tells a person their id).',
  );
}, 40_000);

const asRoot = process.getuid?.() === 0 ? test : test.skip;
asRoot('as root, an embedded Postgres the postgres user cannot reach fails with one line saying which folder and what to do', async () => {
  const closed = await mkdtemp(path.join(tmpdir(), 'chamado-root-only-'));
  await chmod(closed, 0o700);
  await mkdir(path.join(closed, 'data'));
  const r = await run({ DATA_DIR: path.join(closed, 'data') });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`Chamado cannot start: the embedded Postgres runs as the "postgres" user (Postgres refuses root), and it cannot enter ${closed}. ` +
    'Put Chamado and DATA_DIR in folders every user may read (not under /root), or set DATABASE_URL to a Postgres of your own.\n');
  expect(r.stdout).not.toMatch(/"stack"/);
  await rm(closed, { recursive: true, force: true });
}, 40_000);
