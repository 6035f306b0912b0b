import { eventually, isCardOf, startSlackHarness, type SlackHarness, unlinked } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  h.fake.locales.set('U_PT', 'pt-BR');
});
afterAll(async () => { await h.stop(); });

// Card links (`<permalink|#n>`) are checked in card-links.test.ts; here answers are read as people see them.
const text = (r: { json: { text: string } }) => unlinked(r.json.text);

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
  const number = Number(/^Opened ticket #(\d+)\.$/.exec(text(r))?.[1]);
  expect(number).toBeGreaterThan(0);
  const [row] = await h.sql(`SELECT title, status, requester_id FROM tickets WHERE workspace_id = 'slack:T1' AND number = $1`, [number]);
  expect(row).toEqual({ title: 'Printer on fire', status: 'open', requester_id: 'U_CUST' });
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(number));
  expect(card.body.channel).toBe('C_GENERAL');
  expect(card.body.text).toBe(`#${number} Printer on fire (Open)`);
  expect(card.token).toBe('xoxb-test');
  const labels = JSON.stringify(card.body.blocks);
  for (const word of ['Claim', 'Pending', 'Close', 'Normal']) expect(labels).toContain(word);
  expect(labels).not.toContain('Reopen');
  expect(await eventually(async () => (await h.ticket(number))?.thread_id, 'the thread')).toMatch(/^\d+\.\d+$/);
});

test('a Portuguese speaker (users.info locale) gets Portuguese replies and a Portuguese card', async () => {
  h.fake.locales.set('U_PT2', 'pt-BR');
  const r = await h.slack.command('U_PT2', 'novo Impressora quebrada');
  const number = Number(/#(\d+)/.exec(text(r))?.[1]);
  expect(number).toBeGreaterThan(0);
  expect(text(r)).not.toContain('Opened');
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(number));
  expect(card.body.text).toBe(`#${number} Impressora quebrada (Aberto)`);
  expect(JSON.stringify(card.body.blocks)).toContain('Assumir');
  const help = await h.slack.command('U_PT2', 'ajuda');
  expect(text(help)).toContain('`novo &lt;título&gt;`');
  // The language is looked up once, then remembered.
  expect(h.fake.callsOf('users.info', (c) => c.body.user === 'U_PT2' && String(c.body.include_locale) === 'true').length).toBe(1);
});

test('lang switches the language and is remembered in Postgres', async () => {
  const { number } = await h.openTicket({ requester: 'U_LANG', title: 'Printer on fire' });
  const r = await h.slack.command('U_LANG', 'lang pt-BR');
  expect(text(r)).not.toBe(text(await h.slack.command('U_OTHER', 'lang en')));
  const [pref] = await h.sql(`SELECT locale FROM user_preferences WHERE user_id = 'U_LANG'`);
  expect(pref.locale).toBe('pt-BR');
  expect(text(await h.slack.command('U_LANG', 'list'))).toContain('Aberto');
  await h.slack.command('U_LANG', 'idioma en');
  expect(text(await h.slack.command('U_LANG', 'list'))).toContain(`#${number} Printer on fire (Open)`);
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
  const { number: n } = await h.openTicket({ requester: 'U_CUST' });
  expect(text(await h.slack.command('U_STRANGER', `show #${n}`))).toContain(`can't find ticket #${n}`);
  expect(text(await h.slack.command('U_STRANGER', `close ${n}`))).toContain(`can't find ticket #${n}`);
  expect(text(await h.slack.command('U_CUST', `status #${n} pending`))).toContain(`You can't do that on ticket #${n}`);
  expect(text(await h.slack.command('U_CUST', `claim #${n}`))).toBe('Only support agents can do that.\nType `/ticket` help to see every command.');
  expect(text(await h.slack.command('U_CUST', `priority #${n} high`))).toContain('Only support agents');
  const [row] = await h.sql('SELECT status, assignee_id, priority FROM tickets WHERE number = $1', [n]);
  expect(row).toEqual({ status: 'open', assignee_id: null, priority: 'normal' });
  expect(text(await h.slack.command('U_STRANGER', 'list'))).toContain('No tickets here.');
});

test('agents: show, claim, assign, priority, status; each change updates the card and posts in the thread', async () => {
  const { number: n, thread } = await h.openTicket({ title: 'Printer on fire' });
  expect(text(await h.slack.command('U_AGENT', `show #${n}`))).toContain(`Ticket #${n}: Printer on fire`);
  expect(text(await h.slack.command('U_AGENT', `assumir #${n}`))).toBe(`Ticket #${n} is yours now.`);
  expect(text(await h.slack.command('U_AGENT', `assign #${n} <@U_AG2|bob>`))).toBe(`Ticket #${n} is assigned to <@U_AG2>.`);
  expect(text(await h.slack.command('U_AGENT', `prioridade #${n} alta`))).toBe(`Ticket #${n} now has priority High.`);
  expect(text(await h.slack.command('U_AGENT', `status #${n} pendente`))).toBe(`Ticket #${n} is now Pending.`);
  const [row] = await h.sql('SELECT status, assignee_id, priority FROM tickets WHERE number = $1', [n]);
  expect(row).toEqual({ status: 'pending', assignee_id: 'U_AG2', priority: 'high' });
  const update = await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Pending)'));
  expect(update.body.channel).toBe('C_GENERAL');
  expect(JSON.stringify(update.body.blocks)).toContain('Reopen');
  const line = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && unlinked(c.body.text).includes(`#${n} is now Pending`));
  expect(line.body.text).toContain('<@U_AGENT>');
});

test('the requester may close and reopen their own ticket (fechar / reabrir), cc and uncc, and nudge', async () => {
  const { number: n, thread } = await h.openTicket({ requester: 'U_REQ', title: 'Printer on fire' });
  await h.slack.command('U_AGENT', `assign #${n} <@U_AG2|bob>`);
  expect(text(await h.slack.command('U_REQ', `fechar #${n}`))).toBe(`Ticket #${n} is now Closed.`);
  expect(text(await h.slack.command('U_REQ', `reabrir ${n}`))).toBe(`Ticket #${n} is now Open.`);
  expect(text(await h.slack.command('U_REQ', `cc #${n} <@U_COLL|carol> <@U_COLL2>`))).toBe(`<@U_COLL>, <@U_COLL2> will be kept informed on ticket #${n}.`);
  expect(text(await h.slack.command('U_COLL', 'list'))).toContain(`#${n} Printer on fire`);
  expect(text(await h.slack.command('U_REQ', `uncc #${n} <@U_COLL2>`))).toBe(`<@U_COLL2> removed from ticket #${n}.`);
  expect(text(await h.slack.command('U_REQ', `cobrar #${n}`))).toBe(`I asked for an update on ticket #${n}.`);
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('<@U_AG2>') && String(c.body.text).includes('update'));
  const roles = await h.sql(`SELECT user_id, role FROM ticket_participants p JOIN tickets t ON t.id = p.ticket_id WHERE t.number = $1 ORDER BY role, user_id`, [n]);
  expect(roles).toEqual([{ user_id: 'U_AG2', role: 'assignee' }, { user_id: 'U_COLL', role: 'cc' }, { user_id: 'U_REQ', role: 'requester' }]);
});

test('list filters (lista fechados / all) and show for a CC', async () => {
  const old = await h.openTicket({ requester: 'U_LIST', title: 'Old problem' });
  await h.slack.command('U_LIST', `close #${old.number}`);
  expect(text(await h.slack.command('U_LIST', 'lista fechados'))).toContain(`#${old.number} Old problem (Closed)`);
  expect(text(await h.slack.command('U_LIST', 'list'))).not.toContain(`#${old.number}`);
  expect(text(await h.slack.command('U_LIST', 'list all'))).toContain(`#${old.number}`);
  const watched = await h.openTicket({ requester: 'U_LIST', title: 'Printer on fire' });
  await h.slack.command('U_LIST', `cc #${watched.number} <@U_WATCH>`);
  expect(text(await h.slack.command('U_WATCH', `ver #${watched.number}`))).toContain('Printer on fire');
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
