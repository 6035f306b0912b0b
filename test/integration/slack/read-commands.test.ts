import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/** show, search, queue and whoami through /ticket, signed, against the real Bolt app. */
let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness({ AGENTS: 'slack:U_AGENT,slack:U_AG2' }); });
afterAll(async () => { await h.stop(); });

const text = (r: { json: { text: string } }) => r.json.text;
let tsSeq = 0;
const nextTs = () => `${1783000000 + ++tsSeq * 60}.000100`;
const threadOf = (n: number) => eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | null);

/** A ticket opened by `userId`, with its card posted; answers its number. */
async function openTicket(userId: string, title: string): Promise<number> {
  const r = await h.slack.command(userId, `new ${title}`, 'C_SUPPORT');
  return Number(/#(\d+)/.exec(text(r))![1]);
}

test('show quotes the latest messages with their time, files and links, and says how many earlier ones there are', async () => {
  const n = await openTicket('U_CUST', 'VPN drops');
  const thread = (await threadOf(n))!;
  for (let i = 1; i <= 11; i++) await h.slack.message('U_CUST', 'C_SUPPORT', nextTs(), `note ${i}`, { thread_ts: thread });
  await h.slack.message('U_CUST', 'C_SUPPORT', nextTs(), 'log at <https://logs.example/1> &amp; a screenshot', {
    thread_ts: thread, files: [{ name: 'screen.png', mimetype: 'image/png', url_private: 'https://files.example/screen.png', size: 10 }],
  });
  await eventually(async () => (await h.sql('SELECT count(*)::int AS n FROM ticket_messages'))[0].n === 12);

  const shown = text(await h.slack.command('U_CUST', `show #${n}`));
  expect(shown).toContain('12 messages');
  expect(shown).toContain('2 earlier messages not shown.');
  expect(shown).not.toContain('note 2\n');
  expect(shown).toContain('note 3');
  expect(shown).toContain('Files: <https://files.example/screen.png|screen.png>');
  expect(shown).toContain('Links: <https://logs.example/1|https://logs.example/1>');
  expect(shown).toContain('log at <https://logs.example/1|https://logs.example/1> &amp; a screenshot');
  // Slack renders <!date> in each viewer's own time zone.
  expect(shown).toMatch(/<@U_CUST> · <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
});

test('search finds by title or message, accents and case ignored; customers only their own tickets', async () => {
  const mine = await openTicket('U_ANA', 'Configurações da impressora');
  const other = await openTicket('U_BEN', 'Impressora travada');
  const agent = text(await h.slack.command('U_AGENT', 'search IMPRESSORA'));
  expect(agent).toContain(`#${mine} Configurações da impressora (Open)`);
  expect(agent).toContain(`#${other} Impressora travada (Open)`);
  const customer = text(await h.slack.command('U_ANA', 'buscar configuracao'));
  expect(customer).toContain(`#${mine}`);
  expect(text(await h.slack.command('U_ANA', 'search travada'))).toBe('No ticket matches "travada".');
  expect(text(await h.slack.command('U_ANA', 'search'))).toBe('Search for what? Put the words after search, like `search printer`.\nType `/ticket` help to see every command.');
});

test('queue: agents only; unassigned and urgent first, at most 20 and how many more', async () => {
  expect(text(await h.slack.command('U_CUST', 'queue'))).toContain('Only support agents');
  for (let i = 0; i < 22; i++) await h.slack.command('U_QUEUE', `new Queue filler ${i}`, 'C_SUPPORT');
  const urgent = await openTicket('U_QUEUE', 'Server room flooding');
  await h.slack.command('U_AGENT', `priority #${urgent} urgent`);
  const queue = text(await h.slack.command('U_AGENT', 'fila'));
  const items = queue.split('\n').filter((l) => l.startsWith('• '));
  expect(items).toHaveLength(20);
  expect(items[0]).toContain(`#${urgent} Server room flooding · Urgent · Open · Unassigned`);
  expect(queue).toMatch(/…and \d+ more tickets\./);
  const claimed = text(await h.slack.command('U_AGENT', `claim #${urgent}`));
  expect(claimed).toContain('yours');
  expect(text(await h.slack.command('U_AGENT', 'queue unassigned'))).not.toContain(`#${urgent} `);
});

test('whoami gives the id in the AGENTS form and says whether the person is an agent', async () => {
  expect(text(await h.slack.command('U012AB', 'whoami'))).toBe('Your id is `slack:U012AB`. You are not an agent: to make you one, an admin adds `slack:U012AB` to AGENTS.');
  expect(text(await h.slack.command('U_AG2', 'whoami'))).toBe('Your id is `slack:U_AG2`. You are an agent.');
});

test('status with no status asks which; a typed @name explains how to mention in Slack', async () => {
  const n = await openTicket('U_CUST', 'Keyboard');
  expect(text(await h.slack.command('U_AGENT', `status #${n}`)))
    .toBe(`Which status for #${n}? Use open, pending or closed, like \`status #${n} pending\`.\nType \`/ticket\` help to see every command.`);
  const typed = text(await h.slack.command('U_AGENT', `assign #${n} @maria`));
  expect(typed).toContain('"@maria" is typed text, not a mention');
  expect(typed).toContain('choose the person from the list Slack shows');
  expect(typed.split('\n')).toHaveLength(2);
  const [row] = await h.sql('SELECT assignee_id FROM tickets WHERE number = $1', [n]);
  expect(row.assignee_id).toBeNull();
});
