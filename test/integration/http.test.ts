import { spawnSync } from 'node:child_process';
import { startChamado, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tsNodeArgs } from '../support/ts-child';

let db: TestDatabase;
let app: RunningApp;
beforeAll(async () => {
  db = await createTestDatabase();
  app = await startChamado(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), createLogger('silent'), { background: false });
});
afterAll(async () => {
  await app?.stop();
  await db.drop();
});

test('GET /healthz answers 200 {"status":"ok"} when the database answers', async () => {
  const res = await fetch(`${app.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

test('unknown routes get 404 and wrong methods 405, as JSON', async () => {
  expect((await fetch(`${app.url}/nope`)).status).toBe(404);
  const res = await fetch(`${app.url}/healthz`, { method: 'POST' });
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('GET');
});

test('GET /healthz answers 503 when the database does not', async () => {
  const other = await createTestDatabase();
  const broken = await startChamado(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: other.url, LOG_LEVEL: 'silent' }), createLogger('silent'), { background: false });
  await other.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [other.name]);
  await other.dataSource.destroy();
  await other.drop();
  const res = await fetch(`${broken.url}/healthz`);
  expect(res.status).toBe(503);
  await broken.stop().catch(() => undefined);
});

describe('a bad configuration value stops the start with one line and exit 1', () => {
  test.each([
    ['PORT', 'abc'],
    ['PENDING_AUTO_CLOSE_AFTER', 'soon'],
    ['DEFAULT_LOCALE', 'fr'],
  ])('%s=%s', (name, value) => {
    const result = spawnSync(process.execPath, tsNodeArgs('src/main.ts'), { env: { PATH: process.env.PATH, [name]: value }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Chamado cannot start: ${name}: `));
    expect(result.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });
});

test.each([
  ['/privacy', 'en', 'Chamado: privacy'],
  ['/terms', 'en-US,en;q=0.8', 'Chamado: terms of use'],
  ['/privacy', 'pt-BR,pt;q=0.9', 'Chamado: privacidade'],
  ['/terms', 'pt', 'Chamado: termos de uso'],
])('GET %s (the Teams package links to it) answers a short page in the reader\'s language (%s)', async (route, language, title) => {
  const res = await fetch(`${app.url}${route}`, { headers: { 'accept-language': language } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await res.text();
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(html).toMatch(/<p>.{100,}<\/p>/);
});
