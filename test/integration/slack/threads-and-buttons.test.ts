import { permalinkOf } from '../../fakes/fake-slack-api';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: 'C_TRIAGE', SLACK_AGENTS_CHANNEL: 'C_AGENTS' });
  h.fake.members.set('C_AGENTS', ['U_CHANNEL_AGENT']);
});
afterAll(async () => { await h.stop(); });

let seq = 0;
const nextTs = () => `1783000000.${String(++seq).padStart(6, '0')}`;
const elements = (blocks: { elements?: { action_id?: string }[] }[]) => blocks.flatMap((b) => b.elements ?? []);

test('a new ticket is announced in the triage channel with a Claim button that works for agents', async () => {
  const t = await h.openTicket({ title: 'Laptop will not boot' });
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(t.number));
  const triage = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_TRIAGE' && String(c.body.text).includes(`#${t.number}`));
  const claim = elements(triage.body.blocks).find((e) => e.action_id === 'triage_claim') as { value: string };
  expect(claim.value).toBe(String(t.number));
  expect(card.body.channel).toBe('C_GENERAL');
  await h.slack.click('U_CUST', 'triage_claim', claim.value, { channel: 'C_TRIAGE' });
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes('Only support agents'));
  expect((await h.ticket(t.number))!.assignee_id).toBeNull();
  await h.slack.click('U_CHANNEL_AGENT', 'triage_claim', claim.value, { channel: 'C_TRIAGE' });
  expect(await eventually(async () => (await h.ticket(t.number))!.assignee_id, 'the claim')).toBe('U_CHANNEL_AGENT');
});

test('card buttons: a customer is refused privately; an agent sets Pending, priority, Close, Reopen, each updating the card and the thread', async () => {
  const { number, thread } = await h.openTicket();
  const status = async () => (await h.ticket(number))!;
  const value = String(number);
  const where = { channel: 'C_GENERAL', messageTs: thread };
  await h.slack.click('U_OTHER', 'card_pending', value, where);
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_OTHER' && String(c.body.text).includes(`#${number}`));
  expect((await status()).status).toBe('open');

  await h.slack.click('U_AGENT', 'card_pending', value, where);
  await eventually(async () => (await status()).status === 'pending', 'Pending');
  await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Pending)'));
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes(`<${permalinkOf('C_GENERAL', thread)}|#${number}> is now Pending`));

  await h.slack.click('U_AGENT', 'card_priority', `${number}:urgent`, where, true);
  await eventually(async () => (await status()).priority === 'urgent', 'priority urgent');
  await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && JSON.stringify(c.body.blocks).includes('Urgent'));

  await h.slack.click('U_AGENT', 'card_close', value, where);
  await eventually(async () => (await status()).status === 'closed', 'Closed');
  const closed = await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Closed)'));
  const labels = JSON.stringify(closed.body.blocks);
  expect(labels).toContain('Reopen');
  expect(labels).not.toContain('"Claim"');

  await h.slack.click('U_CUST', 'card_reopen', value, where);
  await eventually(async () => (await status()).status === 'open', 'reopened');
  await h.fake.waitFor(
    'chat.postMessage',
    (c) => c.body.thread_ts === thread && String(c.body.text).includes(`<${permalinkOf('C_GENERAL', thread)}|#${number}> is now Open (by <@U_CUST>)`),
  );
});

test('a customer reply in the thread puts a Pending ticket back to Open; an agent reply does not', async () => {
  const { number, thread } = await h.openTicket();
  await h.slack.command('U_AGENT', `status #${number} pending`);
  const agentTs = nextTs();
  await h.slack.message('U_AGENT', 'C_GENERAL', agentTs, 'Can you try again?', { thread_ts: thread });
  await eventually(async () => (await h.sql('SELECT 1 FROM ticket_messages WHERE platform_message_id = $1', [agentTs])).length === 1, 'the agent reply stored');
  expect((await h.ticket(number))!.status).toBe('pending');
  const files = [{ name: 'boot.log', mimetype: 'text/plain', url_private: 'https://files.example/boot.log', size: 10 }];
  const customerTs = nextTs();
  await h.slack.message('U_CUST', 'C_GENERAL', customerTs, 'Still broken, log at https://logs.example/1', { thread_ts: thread, files });
  await eventually(async () => (await h.ticket(number))!.status === 'open', 'reopened by the customer');
  const [msg] = await h.sql('SELECT attachments FROM ticket_messages WHERE platform_message_id = $1', [customerTs]);
  expect(msg.attachments).toEqual({ files: [{ name: 'boot.log', type: 'text/plain', url: 'https://files.example/boot.log', size: 10 }], links: ['https://logs.example/1'] });
});

test('a message in a Closed ticket\'s thread opens a follow-up; both threads say so; an agent can reopen the original instead', async () => {
  const original = await h.openTicket({ title: 'Laptop will not boot' });
  await h.slack.command('U_CUST', `close #${original.number}`);
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'It broke again', { thread_ts: original.thread });
  const followUp = await eventually(
    async () => (await h.sql(`SELECT number, title, requester_id, thread_id FROM tickets WHERE follow_up_of = $1 AND thread_id IS NOT NULL`, [original.id]))[0],
    'the follow-up',
  );
  expect(followUp).toMatchObject({ title: 'Follow-up: Laptop will not boot', requester_id: 'U_CUST' });
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === original.thread && String(c.body.text).includes(`#${followUp.number}`));
  const newThread = followUp.thread_id;
  const notice = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === newThread && String(c.body.text).includes(`#${original.number}`));
  const button = elements(notice.body.blocks).find((e) => e.action_id === 'notice_reopen_original') as { value: string; text: { text: string } };
  expect(button.text.text).toContain(`#${original.number}`);

  await h.slack.click('U_CUST', 'notice_reopen_original', button.value, { channel: 'C_GENERAL', messageTs: newThread });
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes('Only support agents'));
  await h.slack.click('U_AGENT', 'notice_reopen_original', button.value, { channel: 'C_GENERAL', messageTs: newThread });
  await eventually(async () => (await h.ticket(original.number))!.status === 'open' && (await h.ticket(followUp.number))!.status === 'closed', 'the original reopened');
});

test('App Home shows my tickets by status with "Ask for an update"; the button nudges; agents also see unassigned tickets', async () => {
  const done = await h.openTicket({ requester: 'U_HOME', title: 'Old keyboard' });
  await h.slack.command('U_HOME', `close #${done.number}`);
  const open = await h.openTicket({ requester: 'U_HOME', title: 'Monitor flickers' });
  await h.slack.event({ type: 'app_home_opened', user: 'U_HOME', channel: 'D1', tab: 'home', event_ts: '1' });
  const publish = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_HOME');
  const home = JSON.stringify(publish.body.view);
  expect(publish.body.view.type).toBe('home');
  expect(home).toContain(`#${open.number} Monitor flickers (Open)`);
  expect(home).toContain(`#${done.number} Old keyboard (Closed)`);
  expect(home).toContain('home_nudge');
  expect(home).not.toContain('home_claim');
  expect(publish.body.view.blocks.length).toBeLessThanOrEqual(100);

  await h.slack.click('U_HOME', 'home_nudge', String(open.number), { home: true });
  await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_HOME' && JSON.stringify(c.body.view).includes(`I asked for an update on ticket #${open.number}`));
  // Unassigned: the thread names no agent (contract §8); the triage channel hears of it.
  const nudge = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === open.thread && String(c.body.text).includes('asking for an update'));
  expect(nudge.body.text).not.toContain('<@U_AGENT>');
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_TRIAGE' && String(c.body.text).includes('asking for an update'));

  await h.slack.event({ type: 'app_home_opened', user: 'U_AGENT', channel: 'D2', tab: 'home', event_ts: '2' });
  const agentHome = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_AGENT');
  expect(JSON.stringify(agentHome.body.view)).toContain('home_claim');
  await h.slack.click('U_AGENT', 'home_claim', String(open.number), { home: true });
  expect(await eventually(async () => (await h.ticket(open.number))!.assignee_id, 'the claim from Home')).toBe('U_AGENT');
});
