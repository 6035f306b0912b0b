import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

const file = { name: 'error.png', mimetype: 'image/png', url_private: 'https://files.slack.example/error.png', size: 2048 };

test('create_ticket opens a modal prefilled from the message; submitting opens the ticket with the message, its files and links', async () => {
  const message = { ts: '1781000000.000100', user: 'U_CUST', text: 'VPN drops every hour\nsee https://status.example/vpn', files: [file] };
  h.fake.addMessage('C_SUPPORT', message);
  const r = await h.slack.messageShortcut('create_ticket', 'U_AGENT', 'C_SUPPORT', message);
  expect(r.status).toBe(200);
  const open = await h.fake.waitFor('views.open', (c) => c.body.view?.callback_id === 'create_ticket');
  const view = open.body.view;
  expect(view.blocks[0]).toMatchObject({ type: 'input', block_id: 'title', element: { type: 'plain_text_input', action_id: 'title', initial_value: 'VPN drops every hour' } });
  expect(view.title.text.length).toBeLessThanOrEqual(24);

  const values = { title: { title: { type: 'plain_text_input', value: 'VPN drops hourly' } } };
  const submit = await h.slack.viewSubmission('U_AGENT', { callback_id: 'create_ticket', private_metadata: view.private_metadata, values });
  expect(submit.status).toBe(200);
  expect(submit.text).toBe('');
  const [ticket] = await h.sql(`SELECT id, number, title, requester_id, channel_id FROM tickets WHERE title = 'VPN drops hourly'`);
  expect(ticket).toMatchObject({ requester_id: 'U_CUST', channel_id: 'C_SUPPORT' });
  const [first] = await h.sql('SELECT platform_message_id, author_id, text, attachments FROM ticket_messages WHERE ticket_id = $1', [ticket.id]);
  expect(first).toMatchObject({ author_id: 'U_CUST', text: message.text });
  expect(first.attachments).toEqual({ files: [{ name: 'error.png', type: 'image/png', url: 'https://files.slack.example/error.png', size: 2048 }], links: ['https://status.example/vpn'] });
  await h.fake.waitFor('chat.postMessage', isCardOf(ticket.number));
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_AGENT' && String(c.body.text).includes(`#${ticket.number}`));
});

test('create_ticket: an empty title is refused inline (response_action errors), nothing is opened', async () => {
  const message = { ts: '1781000000.000200', user: 'U_CUST', text: 'x' };
  const meta = JSON.stringify({ c: 'C_SUPPORT', ts: message.ts });
  const count = async () => (await h.sql('SELECT count(*)::int AS n FROM tickets'))[0].n;
  const before = await count();
  await h.slack.messageShortcut('create_ticket', 'U_CUST', 'C_SUPPORT', message);
  const values = { title: { title: { type: 'plain_text_input', value: '   ' } } };
  const r = await h.slack.viewSubmission('U_CUST', { callback_id: 'create_ticket', private_metadata: meta, values });
  expect(r.json).toEqual({ response_action: 'errors', errors: { title: 'A ticket needs a title.' } });
  expect(await count()).toBe(before);
});

test('a 6,000-character message prefills a title trimmed to the input limit and opens fine', async () => {
  const message = { ts: '1781000000.000300', user: 'U_CUST', text: 'y'.repeat(6000) };
  h.fake.addMessage('C_SUPPORT', message);
  await h.slack.messageShortcut('create_ticket', 'U_CUST', 'C_SUPPORT', message);
  const open = await h.fake.waitFor('views.open', (c) => c.body.view?.private_metadata?.includes(message.ts));
  const input = open.body.view.blocks[0].element;
  expect(input.initial_value.length).toBeLessThanOrEqual(input.max_length);
  const values = { title: { title: { value: 'z'.repeat(6000) } } };
  const r = await h.slack.viewSubmission('U_CUST', { callback_id: 'create_ticket', private_metadata: open.body.view.private_metadata, values });
  expect(r.status).toBe(200);
  const [row] = await h.sql(
    `SELECT length(t.title) AS len, length(m.text) AS msg FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE m.platform_message_id = $1`,
    [message.ts],
  );
  expect(row.len).toBeLessThanOrEqual(200);
  expect(row.msg).toBe(6000);
});

test('the global new_ticket shortcut asks for a title and a conversation; the card goes to the chosen one', async () => {
  await h.slack.interaction({ type: 'shortcut', callback_id: 'new_ticket', trigger_id: 'trig-global', user: { id: 'U_PT', team_id: 'T1' } });
  const open = await h.fake.waitFor('views.open', (c) => c.body.trigger_id === 'trig-global');
  const view = open.body.view;
  expect(view.callback_id).toBe('new_ticket');
  expect(view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual(['title', 'channel']);
  expect(view.blocks[1].element).toMatchObject({ type: 'conversations_select', default_to_current_conversation: true });
  const nowhere = { title: { title: { value: 'No place' } }, channel: { channel: { selected_conversation: null } } };
  const missing = await h.slack.viewSubmission('U_PT', { callback_id: 'new_ticket', private_metadata: view.private_metadata, values: nowhere });
  expect(missing.json.errors.channel).toBeTruthy();
  const office = { title: { title: { value: 'Coffee machine' } }, channel: { channel: { type: 'conversations_select', selected_conversation: 'C_OFFICE' } } };
  await h.slack.viewSubmission('U_PT', { callback_id: 'new_ticket', private_metadata: view.private_metadata, values: office });
  const [row] = await h.sql(`SELECT number, channel_id, requester_id FROM tickets WHERE title = 'Coffee machine'`);
  expect(row).toMatchObject({ channel_id: 'C_OFFICE', requester_id: 'U_PT' });
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(row.number));
  expect(card.body.channel).toBe('C_OFFICE');
});

test('new_ticket from `/ticket new` opens the ticket in the command\'s channel', async () => {
  await h.slack.command('U_CUST', 'new', 'C_CMD');
  const open = await h.fake.waitFor('views.open', (c) => c.body.view?.callback_id === 'new_ticket' && c.body.view.private_metadata.includes('C_CMD'));
  const values = { title: { title: { value: 'From the form' } } };
  await h.slack.viewSubmission('U_CUST', { callback_id: 'new_ticket', private_metadata: open.body.view.private_metadata, values });
  const row = await eventually(async () => (await h.sql(`SELECT channel_id FROM tickets WHERE title = 'From the form'`))[0]);
  expect(row.channel_id).toBe('C_CMD');
});

test(':ticket: by an agent opens a ticket from the message; by anyone else it opens nothing and says why', async () => {
  const message = h.fake.addMessage('C_SUPPORT', { ts: '1781000000.000400', user: 'U_CUST', text: 'Email bounces https://mail.example' });
  const item = { type: 'message', channel: 'C_SUPPORT', ts: message.ts };
  await h.slack.event({ type: 'reaction_added', user: 'U_CUST', reaction: 'ticket', item, item_user: 'U_CUST', event_ts: '1' });
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes(':ticket:'));
  await h.slack.event({ type: 'reaction_added', user: 'U_AGENT', reaction: 'thumbsup', item, event_ts: '2' });
  expect((await h.sql(`SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Email%'`))[0].n).toBe(0);

  await h.slack.event({ type: 'reaction_added', user: 'U_AGENT', reaction: 'ticket', item, item_user: 'U_CUST', event_ts: '3' });
  const row = await eventually(async () => (await h.sql(`SELECT t.number, t.requester_id, m.author_id, m.attachments FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE t.title = 'Email bounces https://mail.example'`))[0]);
  expect(row).toMatchObject({ requester_id: 'U_CUST', author_id: 'U_CUST', attachments: { files: [], links: ['https://mail.example'] } });
  await h.fake.waitFor('chat.postMessage', isCardOf(row.number));
});
