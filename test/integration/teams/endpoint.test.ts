import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config';
import { startChamado, type RunningApp } from '../../../src/app';
import { createLogger } from '../../../src/logger';
import { FakeBotConnector } from '../../fakes/fake-bot-connector';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { cardText, cardsOf } from '../../support/teams-cards';
import { CHANNEL, CUSTOMER, channelCommand, installUpdate, postActivity, startTeamsApp, eventually } from '../../support/teams-app';

let db: TestDatabase;
const connector = new FakeBotConnector();

beforeAll(async () => {
  db = await createTestDatabase();
  await connector.start();
});
afterAll(async () => {
  await connector.stop();
  await db?.drop();
});

const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('unauthenticated (no app id, not production)', () => {
  let app: RunningApp;
  beforeAll(async () => { app = await startTeamsApp(db.url); });
  afterAll(async () => { await app?.stop(); });

  test.each([
    ['not JSON', '{"type": "message", '],
    ['no type', { serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'c1' } }],
    ['no conversation', { type: 'message', serviceUrl: 'http://127.0.0.1:1/' }],
    ['no serviceUrl', { type: 'message', conversation: { id: 'c1' } }],
    ['a serviceUrl that is no URL', { type: 'message', serviceUrl: 'javascript:alert(1)', conversation: { id: 'c1' } }],
    ['an array', [1, 2, 3]],
  ])('a malformed body (%s) gets 400 and changes nothing', async (_what, body) => {
    const res = await postActivity(app, body);
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    expect(await count('conversation_references')).toBe(0);
  });

  test('the server keeps answering after bad bodies', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });

  test('installing Chamado in a team posts a welcome card in the installer\'s language', async () => {
    const before = connector.calls.length;
    expect((await postActivity(app, installUpdate(connector, 'pt-BR'))).status).toBe(200);
    const call = await eventually(() => connector.acceptedSince(before).find((c) => c.conversationId === CHANNEL), 'the welcome card');
    const text = cardText(cardsOf(call.body)[0]);
    expect(text).toContain('Olá, eu sou o Chamado');
    expect(text).toContain('@Chamado ajuda');
  });
});

describe('authenticated (MICROSOFT_APP_ID and PASSWORD set)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTeamsApp(db.url, { MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000aa', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' });
  });
  afterAll(async () => { await app?.stop(); });

  const fakeJwt = () => {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'RS256', typ: 'JWT', kid: 'nope' })}.${part({ iss: 'https://evil.example', aud: 'someone-else', exp: 1 })}.c2lnbmF0dXJl`;
  };

  test.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer garbage' }],
    ['a forged JWT', { authorization: `Bearer ${fakeJwt()}` }],
    ['a wrong scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('%s gets 401 and nothing is stored', async (_what, headers: Record<string, string>) => {
    const before = { refs: await count('conversation_references'), tickets: await count('tickets'), calls: connector.calls.length };
    const res = await postActivity(app, channelCommand(connector, 'new Sneaky ticket', { from: CUSTOMER }), headers);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('conversation_references')).toBe(before.refs);
    expect(await count('tickets')).toBe(before.tickets);
    expect(connector.calls.length).toBe(before.calls);
  });
});

test('with NODE_ENV=production and no app id, Teams stays off and the start-up log says why', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const config = loadConfig({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, LOG_LEVEL: 'info' });
  const app = await startChamado(config, createLogger('info', sink), { background: false });
  try {
    expect(app.adapters.map((a) => a.platform)).not.toContain('teams');
    expect(lines.join('')).toContain('Teams is off: MICROSOFT_APP_ID is not set');
    const res = await postActivity(app, channelCommand(connector, 'help'));
    expect(res.status).toBe(404);
  } finally {
    await app.stop();
  }
});
