import { startChamado, type RunningApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { FakeSlackApi } from '../../fakes/fake-slack-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { compose, emailEnv, freePort, inboxDrained, postInbound, sendSmtp, startSink, SUPPORT, type MailSink } from '../../support/email';
import { SIGNING_SECRET } from '../../support/slack-requests';
import { PgProxy } from './pg-proxy';

/**
 * Contract §10 and the house rule "nothing acknowledged is lost": with Postgres gone, the SMTP
 * listener answers a temporary 451 and POST /email/inbound a 503, so the sender keeps the mail;
 * once it is back the same mail is stored, once.
 */
let db: TestDatabase;
let fake: FakeSlackApi;
let proxy: PgProxy;
let sink: MailSink;
let app: RunningApp;
let smtpPort: number;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await new FakeSlackApi().start();
  sink = await startSink();
  smtpPort = await freePort();
  const target = new URL(db.url);
  proxy = new PgProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(await proxy.start());
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: viaProxy.toString(), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.url}/api/`, LOG_LEVEL: 'silent', ...emailEnv(sink, smtpPort, 'slack:C_EMAIL'),
  });
  app = await startChamado(config, createLogger('silent'), { background: false });
});
afterAll(async () => {
  proxy.up();
  await app?.stop();
  await proxy.stop();
  await sink.stop();
  await fake.stop();
  await db.drop();
});

test('with the database down, mail is refused for now (451, 503) and stored once when it is back', async () => {
  const from = 'outage@customer.example';
  const raw = await compose({ from, to: SUPPORT, subject: 'During the outage', text: 'hello?' });
  proxy.down();
  await expect(sendSmtp(smtpPort, raw, { from, to: [SUPPORT] })).rejects.toMatchObject({ responseCode: 451 });
  expect((await postInbound(app.url, raw)).status).toBe(503);
  proxy.up();
  expect((await sendSmtp(smtpPort, raw, { from, to: [SUPPORT] })).response).toMatch(/^250/);
  expect((await postInbound(app.url, raw)).status).toBe(202);
  await inboxDrained((q) => db.dataSource.query(q));
  const rows = await db.dataSource.query('SELECT count(*)::int AS n FROM tickets WHERE requester_id = $1', [`email:${from}`]);
  expect(rows[0].n).toBe(1);
});
