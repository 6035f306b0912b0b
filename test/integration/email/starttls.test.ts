import path from 'node:path';
import nodemailer from 'nodemailer';
import { compose, emailEnv, freePort, inboxDrained, startSink, SUPPORT, type MailSink } from '../../support/email';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * The SMTP listener offers STARTTLS when SMTP_INBOUND_TLS_CERT and SMTP_INBOUND_TLS_KEY name a certificate (a test-only self-signed one here).
 * Without EMAIL_INBOUND_SECRET, POST /email/inbound is not there.
 */
const TLS = path.join(__dirname, '../../fixtures/tls');
let h: SlackHarness;
let sink: MailSink;
let port: number;

beforeAll(async () => {
  sink = await startSink();
  port = await freePort();
  h = await startSlackHarness(emailEnv(sink, port, 'slack:C_EMAIL', {
    SMTP_INBOUND_TLS_CERT: path.join(TLS, 'smtp-cert.pem'), SMTP_INBOUND_TLS_KEY: path.join(TLS, 'smtp-key.pem'), EMAIL_INBOUND_SECRET: '',
  }));
});
afterAll(async () => {
  await h.stop();
  await sink.stop();
});

test('a sender that requires TLS upgrades with STARTTLS and the mail opens a ticket', async () => {
  const from = 'tls@customer.example';
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
  try {
    // requireTLS: nodemailer refuses to send unless STARTTLS succeeded.
    const info = await transport.sendMail({ envelope: { from, to: [SUPPORT] }, raw: await compose({ from, to: SUPPORT, subject: 'Over TLS', text: 'secret' }) });
    expect(info.response).toMatch(/^250/);
  } finally {
    transport.close();
  }
  await inboxDrained((q) => h.sql(q));
  expect(await h.sql('SELECT title FROM tickets WHERE requester_id = $1', [`email:${from}`])).toEqual([{ title: 'Over TLS' }]);
});

test('without EMAIL_INBOUND_SECRET, POST /email/inbound answers 404 whatever it is sent', async () => {
  const raw = await compose({ from: 'nosecret@customer.example', to: SUPPORT, subject: 'x', text: 'x' });
  const res = await fetch(`${h.app.url}/email/inbound`, { method: 'POST', headers: { 'content-type': 'message/rfc822', authorization: 'Bearer ' }, body: raw.toString() });
  expect(res.status).toBe(404);
  expect(await h.sql('SELECT 1 FROM tickets WHERE requester_id = $1', ['email:nosecret@customer.example'])).toEqual([]);
});
