import { permalinkOf } from '../../fakes/fake-slack-api';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: 'C_TRIAGE', SLACK_AGENTS_CHANNEL: 'C_AGENTS' }); h.fake.members.set('C_AGENTS', ['U_CHANNEL_AGENT']); });
afterAll(async () => { await h.stop(); });

const row = async (n: number) => (await h.sql('SELECT status, assignee_id, priority, thread_id, follow_up_of FROM tickets WHERE number = $1', [n]))[0];
const threadOf = (n: number) => eventually(async () => (await row(n))?.thread_id as string | null);
let seq = 0;
const nextTs = () => `1783000000.${String(++seq).padStart(6, '0')}`;

test('a new ticket is announced in the triage channel with a Claim button that works for agents', async () => {
  await h.slack.command('U_CUST', 'new Laptop will not boot');
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(1));
  const triage = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_TRIAGE');
  expect(triage.body.text).toContain('#1');
  const claim = triage.body.blocks.flatMap((b: { elements?: unknown[] }) => b.elements ?? []).find((e: { action_id?: string }) => e.action_id === 'triage_claim');
  expect(claim.value).toBe('1');
  expect(card.body.channel).toBe('C_GENERAL');
  await h.slack.click('U_CUST', 'triage_claim', '1', { channel: 'C_TRIAGE' });
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes('Only support agents'));
  expect((await row(1)).assignee_id).toBeNull();
  await h.slack.click('U_CHANNEL_AGENT', 'triage_claim', '1', { channel: 'C_TRIAGE' });
  expect((await eventually(async () => (await row(1)).assignee_id))).toBe('U_CHANNEL_AGENT');
});

test('card buttons: a customer is refused privately; an agent sets Pending, priority, Close, Reopen, each updating the card and the thread', async () => {
  const thread = await threadOf(1);
  const where = { channel: 'C_GENERAL', messageTs: thread };
  await h.slack.click('U_OTHER', 'card_pending', '1', where);
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_OTHER' && String(c.body.text).includes('#1'));
  expect((await row(1)).status).toBe('open');

  await h.slack.click('U_AGENT', 'card_pending', '1', where);
  await eventually(async () => (await row(1)).status === 'pending');
  await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Pending)'));
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes(`<${permalinkOf('C_GENERAL', thread)}|#1> is now Pending`));

  await h.slack.click('U_AGENT', 'card_priority', '1:urgent', where, true);
  await eventually(async () => (await row(1)).priority === 'urgent');
  await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.body.blocks).includes('Urgent'));

  await h.slack.click('U_AGENT', 'card_close', '1', where);
  await eventually(async () => (await row(1)).status === 'closed');
  const closed = await h.fake.waitFor('chat.update', (c) => String(c.body.text).includes('(Closed)'));
  const labels = JSON.stringify(closed.body.blocks);
  expect(labels).toContain('Reopen');
  expect(labels).not.toContain('"Claim"');

  await h.slack.click('U_CUST', 'card_reopen', '1', where);
  await eventually(async () => (await row(1)).status === 'open');
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes(`<${permalinkOf('C_GENERAL', thread)}|#1> is now Open (by <@U_CUST>)`));
});

test('a customer reply in the thread puts a Pending ticket back to Open; an agent reply does not', async () => {
  await h.slack.command('U_AGENT', 'status #1 pending');
  const thread = await threadOf(1);
  await h.slack.message('U_AGENT', 'C_GENERAL', nextTs(), 'Can you try again?', { thread_ts: thread });
  await eventually(async () => (await h.sql(`SELECT 1 FROM ticket_messages WHERE text = 'Can you try again?'`)).length === 1);
  expect((await row(1)).status).toBe('pending');
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'Still broken, log at https://logs.example/1', { thread_ts: thread, files: [{ name: 'boot.log', mimetype: 'text/plain', url_private: 'https://files.example/boot.log', size: 10 }] });
  await eventually(async () => (await row(1)).status === 'open');
  const [msg] = await h.sql(`SELECT attachments FROM ticket_messages WHERE text LIKE 'Still broken%'`);
  expect(msg.attachments).toEqual({ files: [{ name: 'boot.log', type: 'text/plain', url: 'https://files.example/boot.log', size: 10 }], links: ['https://logs.example/1'] });
});

test('a message in a Closed ticket\'s thread opens a follow-up; both threads say so; an agent can reopen the original instead', async () => {
  await h.slack.command('U_CUST', 'close #1');
  const thread = await threadOf(1);
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'It broke again', { thread_ts: thread });
  const followUp = await eventually(async () => (await h.sql(`SELECT number, title, requester_id FROM tickets WHERE follow_up_of IS NOT NULL`))[0]);
  expect(followUp).toEqual({ number: 2, title: 'Follow-up: Laptop will not boot', requester_id: 'U_CUST' });
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('#2'));
  const newThread = await threadOf(2);
  const notice = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === newThread && String(c.body.text).includes('#1'));
  const button = notice.body.blocks.flatMap((b: { elements?: unknown[] }) => b.elements ?? []).find((e: { action_id?: string }) => e.action_id === 'notice_reopen_original');
  expect(button.text.text).toContain('#1');

  await h.slack.click('U_CUST', 'notice_reopen_original', button.value, { channel: 'C_GENERAL', messageTs: newThread });
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes('Only support agents'));
  await h.slack.click('U_AGENT', 'notice_reopen_original', button.value, { channel: 'C_GENERAL', messageTs: newThread });
  await eventually(async () => (await row(1)).status === 'open' && (await row(2)).status === 'closed');
});

test('App Home shows my tickets by status with "Ask for an update"; the button nudges; agents also see unassigned tickets', async () => {
  await h.slack.command('U_CUST', 'new Monitor flickers');
  await h.slack.event({ type: 'app_home_opened', user: 'U_CUST', channel: 'D1', tab: 'home', event_ts: '1' });
  const publish = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_CUST');
  const home = JSON.stringify(publish.body.view);
  expect(publish.body.view.type).toBe('home');
  expect(home).toContain('#3 Monitor flickers (Open)');
  expect(home).toContain('#2 Follow-up: Laptop will not boot (Closed)');
  expect(home).toContain('home_nudge');
  expect(home).not.toContain('home_claim');
  expect(publish.body.view.blocks.length).toBeLessThanOrEqual(100);

  await h.slack.click('U_CUST', 'home_nudge', '3', { home: true });
  await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_CUST' && JSON.stringify(c.body.view).includes('I asked for an update on ticket #3'));
  const thread = await threadOf(3);
  // Unassigned: the thread names no agent (contract §8); the triage channel hears of it.
  const nudge = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('asking for an update'));
  expect(nudge.body.text).not.toContain('<@U_AGENT>');
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_TRIAGE' && String(c.body.text).includes('asking for an update') && String(c.body.text).includes('Monitor flickers'));

  await h.slack.event({ type: 'app_home_opened', user: 'U_AGENT', channel: 'D2', tab: 'home', event_ts: '2' });
  const agentHome = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_AGENT');
  expect(JSON.stringify(agentHome.body.view)).toContain('home_claim');
  await h.slack.click('U_AGENT', 'home_claim', '3', { home: true });
  expect(await eventually(async () => (await row(3)).assignee_id)).toBe('U_AGENT');
});
