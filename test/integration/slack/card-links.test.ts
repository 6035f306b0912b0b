import { permalinkOf } from '../../fakes/fake-slack-api';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * Contract §5: every `#n` Chamado writes in a Slack thread post or command answer for a ticket
 * that has a card links to the card (`<permalink|#n>`); the permalink is asked for once.
 */
let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

const threadOf = (n: number): Promise<string> => eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | undefined);

test('the card\'s permalink is stored once, and #n links to it in thread posts and command answers', async () => {
  await h.slack.command('U_CUST', 'new Laptop will not boot');
  const thread = await threadOf(1);
  const link = permalinkOf('C_GENERAL', thread);
  await eventually(async () => (await h.sql('SELECT card_url FROM tickets WHERE number = 1'))[0].card_url === link);
  expect(h.fake.callsOf('chat.getPermalink', (c) => c.body.message_ts === thread)).toHaveLength(1);

  const answer = await h.slack.command('U_AGENT', 'status #1 pending');
  expect(answer.json.text).toContain(`<${link}|#1>`);
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).startsWith(`<${link}|#1> is now Pending`));

  const shown = await h.slack.command('U_CUST', 'show #1');
  expect(shown.json.text).toContain(`<${link}|#1>`);
  await h.slack.command('U_AGENT', 'priority #1 high');
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes(`<${link}|#1> priority`));
  expect(h.fake.callsOf('chat.getPermalink')).toHaveLength(1);
});

test('only Chamado\'s own numbers become links, never a #n inside a person\'s title', async () => {
  const { number, thread } = await h.openTicket({ title: 'Error #1 on the second screen' });
  const list = await h.slack.command('U_CUST', 'list');
  expect(list.json.text).toContain(`<${permalinkOf('C_GENERAL', thread)}|#${number}> Error #1 on the second screen`);
});

test('a follow-up\'s notices link both tickets', async () => {
  const { number, thread } = await h.openTicket({ title: 'Mouse lags' });
  await h.slack.command('U_AGENT', `close #${number}`);
  await eventually(async () => (await h.ticket(number))?.status === 'closed');
  await h.slack.message('U_CUST', 'C_GENERAL', '1785000000.000001', 'lagging again', { thread_ts: thread });
  const followUpSql = 'SELECT number, thread_id FROM tickets WHERE follow_up_of = (SELECT id FROM tickets WHERE number = $1) AND thread_id IS NOT NULL';
  const followUp = await eventually(async () => (await h.sql(followUpSql, [number]))[0]);
  const notice = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('opened follow-up'));
  expect(notice.body.text).toContain(`<${permalinkOf('C_GENERAL', thread)}|#${number}>`);
  expect(notice.body.text).toContain(`<${permalinkOf('C_GENERAL', followUp.thread_id)}|#${followUp.number}>`);
});
