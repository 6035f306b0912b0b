import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  h.fake.locales.set('U_PT', 'pt-BR');
});
afterAll(async () => { await h.stop(); });

const text = (r: { json: { text: string } }) => r.json.text;
const threadOf = (n: number) => eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | null);

test('help (and nothing at all) lists the commands, ephemerally, in English by default', async () => {
  for (const line of ['help', '']) {
    const r = await h.slack.command('U_CUST', line);
    expect(r.status).toBe(200);
    expect(r.json.response_type).toBe('ephemeral');
    expect(text(r)).toContain('new &lt;title&gt;');
    expect(text(r)).toContain('/ticket');
  }
});

test('new <title> opens a ticket; its card is posted top-level with #n, the title and the status', async () => {
  const r = await h.slack.command('U_CUST', 'new Printer on fire', 'C_GENERAL');
  expect(text(r)).toBe('Opened ticket #1.');
  const [row] = await h.sql(`SELECT number, title, status, requester_id FROM tickets WHERE workspace_id = 'slack:T1'`);
  expect(row).toEqual({ number: 1, title: 'Printer on fire', status: 'open', requester_id: 'U_CUST' });
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(1));
  expect(card.body.channel).toBe('C_GENERAL');
  expect(card.body.text).toBe('#1 Printer on fire (Open)');
  expect(card.token).toBe('xoxb-test');
  const labels = JSON.stringify(card.body.blocks);
  for (const word of ['Claim', 'Pending', 'Close', 'Normal']) expect(labels).toContain(word);
  expect(labels).not.toContain('Reopen');
  expect(await threadOf(1)).toMatch(/^\d+\.\d+$/);
});

test('a Portuguese speaker (users.info locale) gets Portuguese replies and a Portuguese card', async () => {
  const r = await h.slack.command('U_PT', 'novo Impressora quebrada');
  expect(text(r)).toContain('#2');
  expect(text(r)).not.toBe('Opened ticket #2.');
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(2));
  expect(card.body.text).toBe('#2 Impressora quebrada (Aberto)');
  expect(JSON.stringify(card.body.blocks)).toContain('Assumir');
  const help = await h.slack.command('U_PT', 'ajuda');
  expect(text(help)).toContain('`novo &lt;título&gt;`');
  expect(h.fake.callsOf('users.info', (c) => c.body.user === 'U_PT' && String(c.body.include_locale) === 'true').length).toBe(1);
});

test('lang switches the language and is remembered in Postgres', async () => {
  const r = await h.slack.command('U_CUST', 'lang pt-BR');
  expect(text(r)).not.toBe(text(await h.slack.command('U_OTHER', 'lang en')));
  const [pref] = await h.sql(`SELECT locale FROM user_preferences WHERE user_id = 'U_CUST'`);
  expect(pref.locale).toBe('pt-BR');
  expect(text(await h.slack.command('U_CUST', 'list'))).toContain('Aberto');
  await h.slack.command('U_CUST', 'idioma en');
  expect(text(await h.slack.command('U_CUST', 'list'))).toContain('#1 Printer on fire (Open)');
});

test('a wrong command or argument gets one line and the help hint, in the caller\'s language', async () => {
  const en = await h.slack.command('U_CUST', 'frobnicate #1');
  expect(text(en)).toBe('I don\'t know the command "frobnicate".\nType `/ticket` help to see every command.');
  const pt = await h.slack.command('U_PT', 'status #1 banana');
  expect(text(pt).split('\n')).toHaveLength(2);
  expect(text(pt)).toContain('ajuda');
  expect(text(await h.slack.command('U_CUST', 'show twelve'))).toContain('#12');
});

test('a customer cannot change status, claim or see another person\'s ticket; nothing changes', async () => {
  expect(text(await h.slack.command('U_OTHER', 'show #1'))).toContain("can't find ticket #1");
  expect(text(await h.slack.command('U_OTHER', 'close 1'))).toContain("can't find ticket #1");
  expect(text(await h.slack.command('U_CUST', 'status #1 pending'))).toContain("You can't do that on ticket #1");
  expect(text(await h.slack.command('U_CUST', 'claim #1'))).toBe('Only support agents can do that.\nType `/ticket` help to see every command.');
  expect(text(await h.slack.command('U_CUST', 'priority #1 high'))).toContain('Only support agents');
  const [row] = await h.sql('SELECT status, assignee_id, priority FROM tickets WHERE number = 1');
  expect(row).toEqual({ status: 'open', assignee_id: null, priority: 'normal' });
  expect(text(await h.slack.command('U_OTHER', 'list'))).toContain('No tickets here.');
});

test('agents: show, claim, assign, priority, status; each change updates the card and posts in the thread', async () => {
  const thread = await threadOf(1);
  expect(text(await h.slack.command('U_AGENT', 'show #1'))).toContain('Ticket #1: Printer on fire');
  expect(text(await h.slack.command('U_AGENT', 'assumir #1'))).toBe('Ticket #1 is yours now.');
  expect(text(await h.slack.command('U_AGENT', 'assign #1 <@U_AG2|bob>'))).toBe('Ticket #1 is assigned to <@U_AG2>.');
  expect(text(await h.slack.command('U_AGENT', 'prioridade #1 alta'))).toBe('Ticket #1 now has priority High.');
  expect(text(await h.slack.command('U_AGENT', 'status #1 pendente'))).toBe('Ticket #1 is now Pending.');
  const [row] = await h.sql('SELECT status, assignee_id, priority FROM tickets WHERE number = 1');
  expect(row).toEqual({ status: 'pending', assignee_id: 'U_AG2', priority: 'high' });
  const update = await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Pending)'));
  expect(update.body.channel).toBe('C_GENERAL');
  const line = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('#1 is now Pending'));
  expect(line.body.text).toContain('<@U_AGENT>');
  expect(JSON.stringify((await h.fake.waitFor('chat.update', (c) => String(c.body.text).includes('(Pending)'))).body.blocks)).toContain('Reopen');
});

test('the requester may close and reopen their own ticket (fechar / reabrir), cc and uncc, and nudge', async () => {
  expect(text(await h.slack.command('U_CUST', 'fechar #1'))).toBe('Ticket #1 is now Closed.');
  expect(text(await h.slack.command('U_CUST', 'reabrir 1'))).toBe('Ticket #1 is now Open.');
  expect(text(await h.slack.command('U_CUST', 'cc #1 <@U_COLL|carol> <@U_COLL2>'))).toBe('<@U_COLL>, <@U_COLL2> will be kept informed on ticket #1.');
  expect(text(await h.slack.command('U_COLL', 'list'))).toContain('#1 Printer on fire');
  expect(text(await h.slack.command('U_CUST', 'uncc #1 <@U_COLL2>'))).toBe('<@U_COLL2> removed from ticket #1.');
  expect(text(await h.slack.command('U_CUST', 'cobrar #1'))).toBe('I asked for an update on ticket #1.');
  const thread = await threadOf(1);
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('<@U_AG2>') && String(c.body.text).includes('update'));
  const roles = await h.sql(`SELECT user_id, role FROM ticket_participants p JOIN tickets t ON t.id = p.ticket_id WHERE t.number = 1 ORDER BY role, user_id`);
  expect(roles).toEqual([{ user_id: 'U_AG2', role: 'assignee' }, { user_id: 'U_COLL', role: 'cc' }, { user_id: 'U_CUST', role: 'requester' }]);
});

test('list filters (lista fechados / all) and show for a CC', async () => {
  await h.slack.command('U_CUST', 'new Old problem');
  await h.slack.command('U_CUST', 'close #3');
  expect(text(await h.slack.command('U_CUST', 'lista fechados'))).toContain('#3 Old problem (Closed)');
  expect(text(await h.slack.command('U_CUST', 'list'))).not.toContain('#3');
  expect(text(await h.slack.command('U_CUST', 'list all'))).toContain('#3');
  expect(text(await h.slack.command('U_COLL', 'ver #1'))).toContain('Printer on fire');
});

test('new without a title opens the new_ticket modal; split explains the shortcut', async () => {
  const before = h.fake.callsOf('views.open').length;
  const r = await h.slack.command('U_CUST', 'new');
  expect(r.status).toBe(200);
  const open = await h.fake.waitFor('views.open', () => h.fake.callsOf('views.open').length > before);
  const view = h.fake.callsOf('views.open')[before].body.view;
  expect(open).toBeTruthy();
  expect(view.callback_id).toBe('new_ticket');
  expect(view.blocks[0]).toMatchObject({ type: 'input', block_id: 'title', element: { type: 'plain_text_input', action_id: 'title' } });
  expect(text(await h.slack.command('U_AGENT', 'dividir'))).toContain('Split into tickets');
});

test('a 6,000-character title is accepted, stored trimmed, and every view stays within Slack limits', async () => {
  const long = 'x'.repeat(6000);
  const r = await h.slack.command('U_CUST', `new ${long}`);
  const number = Number(/#(\d+)/.exec(text(r))![1]);
  const [row] = await h.sql('SELECT length(title) AS len FROM tickets WHERE number = $1', [number]);
  expect(row.len).toBeLessThanOrEqual(200);
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(number));
  for (const block of card.body.blocks) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
  expect(text(await h.slack.command('U_CUST', 'list'))).toContain(`#${number}`);
});

test('when the database fails mid-command, the caller gets one line in their language and nothing half-done is kept', async () => {
  const before = await h.sql(`SELECT count(*)::int AS n FROM tickets`);
  await h.sql('ALTER TABLE tickets RENAME TO tickets_away');
  try {
    const r = await h.slack.command('U_PT', 'novo Vai falhar');
    expect(r.status).toBe(200);
    expect(r.json.response_type).toBe('ephemeral');
    expect(text(r)).toBe('Algo deu errado do nosso lado e nada foi alterado. Tente de novo, por favor.');
  } finally {
    await h.sql('ALTER TABLE tickets_away RENAME TO tickets');
  }
  expect(await h.sql(`SELECT count(*)::int AS n FROM tickets`)).toEqual(before);
  expect(text(await h.slack.command('U_PT', 'novo Agora vai'))).toContain('#');
});
