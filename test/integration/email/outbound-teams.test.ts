import { emailTicket } from '../../support/email-tickets';
import { SmtpSink } from '../../support/smtp-sink';
import { AGENT, CHANNEL, TeamsSuite, WS, channelMessage, eventually, postActivity } from '../../support/teams-app';

/** Mail out with Teams as EMAIL_TICKETS_CHANNEL: an agent's answer in the Teams thread reaches the e-mail requester. */

const sink = new SmtpSink();
// The suite reads its env when its own beforeAll runs, after this one: the sink's port is known by then.
const env: Record<string, string> = {};
beforeAll(async () => {
  await sink.start();
  Object.assign(env, { SMTP_URL: sink.url, EMAIL_FROM: 'support@acme.example', EMAIL_TICKETS_CHANNEL: `teams:${CHANNEL}` });
});
afterAll(async () => sink.stop());
const suite = new TeamsSuite(env);

test('an agent\'s reply in a Teams ticket thread is mailed to the e-mail requester, From the agent\'s Teams name; the card names the requester by address', async () => {
  const threadOf = async (n: number) => (await suite.db.dataSource.query('SELECT thread_id FROM tickets WHERE number = $1 AND workspace_id = $2', [n, WS]))[0]?.thread_id;
  // Teams posts into a channel only after the bot has heard from it (its conversation reference).
  await suite.openTicket({ from: AGENT });
  const ticket = await emailTicket(suite.app.context.deps, threadOf, {
    address: 'ursula@customer.example', title: 'Teams and mail', channel: CHANNEL, where: { workspaceId: WS, platform: 'teams' },
  });
  const card = suite.connector.calls.find((c) => JSON.stringify(c.body ?? {}).includes('Teams and mail'));
  expect(JSON.stringify(card?.body)).toContain('ursula@customer.example');
  expect(JSON.stringify(card?.body)).not.toContain('email:ursula');

  const res = await postActivity(suite.app, channelMessage(suite.connector, 'Please try again now', { from: AGENT, threadId: ticket.threadId, id: '3000000000001' }));
  expect(res.status).toBe(200);
  const [mail] = await eventually(() => (sink.to('ursula@customer.example').length > 0 ? sink.to('ursula@customer.example') : null), 'the mail');
  expect(mail.parsed.text).toContain('Please try again now');
  expect(mail.parsed.from?.value[0]).toEqual({ name: AGENT.name, address: 'support@acme.example' });
  expect(mail.parsed.subject).toBe(`[#${ticket.number}] Teams and mail`);
});
