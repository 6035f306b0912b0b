import { eventually, isCardOf, startSlackHarness, unlinked, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

test('a customer who never typed a command gets the follow-up thread in their Slack language', async () => {
  h.fake.locales.set('U_PT', 'pt-BR');
  await h.slack.command('U_AGENT', 'new VPN caiu');
  await h.fake.waitFor('chat.postMessage', isCardOf(1));
  const thread = await eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = 1'))[0]?.thread_id as string | null);
  await h.slack.command('U_AGENT', 'close #1');

  await h.slack.message('U_PT', 'C_GENERAL', '1785000000.000001', 'Caiu de novo', { thread_ts: thread });
  const followUp = await eventually(async () => (await h.sql('SELECT number, requester_id FROM tickets WHERE follow_up_of IS NOT NULL'))[0]);
  expect(followUp).toEqual({ number: 2, requester_id: 'U_PT' });
  expect((await h.sql(`SELECT detected_locale FROM user_preferences WHERE user_id = 'U_PT'`))[0]).toEqual({ detected_locale: 'pt-BR' });

  await h.slack.command('U_AGENT', 'status #2 pending');
  const line = await h.fake.waitFor('chat.postMessage', (c) => unlinked(c.body.text).startsWith('O #2 agora está'));
  expect(line.body.text).toContain('pendente');
});
