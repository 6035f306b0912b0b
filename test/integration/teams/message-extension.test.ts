import { translate } from '../../../src/i18n';
import { cardText, parseCard, type Card } from '../../support/teams-cards';
import { AGENT, CHANNEL, CUSTOMER, OTHER, channelMessage, extensionInvoke, postActivity, TeamsSuite, eventually } from '../../support/teams-app';

const suite = new TeamsSuite();
const { connector } = suite;

type TaskResponse = { task: { type: string; value: unknown } };

function taskCardOf(body: unknown): Card {
  const { task } = body as TaskResponse;
  expect(task.type).toBe('continue');
  const value = task.value as { card: { contentType: string; content: unknown } };
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return parseCard(value.card.content);
}

const inputs = (card: Card) => {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  return out;
};

const HTML = '<p>The VPN drops every <b>10 minutes</b>&nbsp;since Monday.</p><p>Log: <a href="https://logs.example.com/vpn/42">https://logs.example.com/vpn/42</a></p>';
const FILE = { contentType: 'reference', contentUrl: 'https://contoso.sharepoint.com/vpn.log', name: 'vpn.log' };

describe('createTicket', () => {
  const payload = { id: '1900000000001', html: HTML, from: CUSTOMER, attachments: [FILE] };

  test('fetchTask answers a task module whose Input.Text "title" is prefilled from the message', async () => {
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/fetchTask', 'createTicket', payload));
    expect(res.status).toBe(200);
    const card = taskCardOf(res.body);
    const title = inputs(card).find((i) => i.id === 'title');
    expect(title).toMatchObject({ type: 'Input.Text', value: 'The VPN drops every 10 minutes since Monday.' });
  });

  test('submitAction opens the ticket with the message as clean text, its files and links as the first history entry', async () => {
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/submitAction', 'createTicket', payload, { data: { title: 'VPN keeps dropping' } }));
    expect(res.status).toBe(200);
    const [ticket] = await suite.db.dataSource.query(`SELECT id, number, requester_id, channel_id FROM tickets WHERE title = 'VPN keeps dropping'`);
    expect(res.body).toEqual({ task: { type: 'message', value: `Opened ticket #${ticket.number}: VPN keeps dropping.` } });
    expect(ticket).toMatchObject({ requester_id: CUSTOMER.id, channel_id: CHANNEL });
    const [message] = await suite.db.dataSource.query('SELECT author_id, text, attachments FROM ticket_messages WHERE ticket_id = $1', [ticket.id]);
    expect(message.author_id).toBe(CUSTOMER.id);
    expect(message.text).toBe('The VPN drops every 10 minutes since Monday.\nLog: https://logs.example.com/vpn/42');
    expect(message.attachments).toEqual({
      files: [{ name: 'vpn.log', type: 'reference', url: 'https://contoso.sharepoint.com/vpn.log', size: null }],
      links: ['https://logs.example.com/vpn/42'],
    });
    const cardOf = (c: { body: Record<string, unknown> }) => cardText((c.body.activity as { attachments?: { content: unknown }[] } | undefined)?.attachments?.[0]?.content);
    const created = await eventually(() => connector.accepted.find((c) => c.path === '/v3/conversations' && cardOf(c).includes('VPN keeps dropping')), 'the ticket card');
    expect(cardOf(created)).toContain(`#${ticket.number} VPN keeps dropping: Open`);
  });

  test('an empty title is answered in the task module, in the person\'s language, and opens nothing', async () => {
    const count = async () => Number((await suite.db.dataSource.query('SELECT count(*) AS n FROM tickets'))[0].n);
    const before = await count();
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/submitAction', 'createTicket', payload, { data: { title: '   ' }, locale: 'pt-BR' }));
    expect(res.status).toBe(200);
    const card = taskCardOf(res.body);
    expect(cardText(card)).toContain(translate('pt-BR', 'errors.title_required'));
    expect(await count()).toBe(before);
  });
});

describe('splitConversation', () => {
  const ROOT = '1900000000100';
  const thread = [
    { id: ROOT, from: CUSTOMER, text: 'Printer is jammed' },
    { id: '1900000000101', from: OTHER, text: 'Also my mouse is broken' },
    { id: '1900000000102', from: CUSTOMER, text: 'The jam is on tray 2' },
    { id: '1900000000103', from: OTHER, text: 'Mouse is the wireless one' },
  ];

  beforeAll(async () => {
    for (const m of thread) {
      const activity = channelMessage(connector, m.text, { id: m.id, from: m.from, threadId: m.id === ROOT ? undefined : ROOT });
      expect((await postActivity(suite.app, activity)).status).toBe(200);
    }
    const logged = async () => Number((await suite.db.dataSource.query(`SELECT count(*) AS n FROM conversation_messages WHERE coalesce(thread_id, message_id) = $1`, [ROOT]))[0].n);
    await eventually(async () => (await logged()) === 4, 'the thread in the conversation log');
  });

  const payload = { id: '1900000000102', replyToId: ROOT, html: '<p>The jam is on tray 2</p>', from: CUSTOMER };

  test('a non-agent is refused in their language', async () => {
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/fetchTask', 'splitConversation', payload, { from: CUSTOMER, locale: 'pt-BR' }));
    expect(res.body).toEqual({ task: { type: 'message', value: translate('pt-BR', 'errors.agents_only') } });
  });

  test('fetchTask lists the thread\'s messages in five slots of title_k and multi-select messages_k', async () => {
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/fetchTask', 'splitConversation', payload));
    const card = taskCardOf(res.body);
    const fields = inputs(card);
    for (let k = 1; k <= 5; k++) {
      expect(fields.find((f) => f.id === `title_${k}`)).toMatchObject({ type: 'Input.Text' });
      const select = fields.find((f) => f.id === `messages_${k}`) as { isMultiSelect: boolean; choices: { value: string; title: string }[] };
      expect(select.isMultiSelect).toBe(true);
      expect(select.choices.map((c) => c.value)).toEqual(thread.map((m) => m.id));
    }
    expect(cardText(card)).toContain(`${OTHER.name}: Also my mouse is broken`);
  });

  test('a slot with a title but no messages is shown back with the slot named, nothing is opened', async () => {
    const data = { title_1: 'Printer jam', messages_1: `${ROOT}`, title_2: 'Broken mouse', messages_2: '' };
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/submitAction', 'splitConversation', payload, { data }));
    const card = taskCardOf(res.body);
    expect(cardText(card)).toContain('Ticket 2: Pick at least one message for this ticket.');
    expect(inputs(card).find((f) => f.id === 'title_1')).toMatchObject({ value: 'Printer jam' });
    expect(Number((await suite.db.dataSource.query(`SELECT count(*) AS n FROM tickets WHERE title IN ('Printer jam', 'Broken mouse')`))[0].n)).toBe(0);
  });

  test('submit opens one ticket per slot holding exactly its messages; the thread is told every new #n', async () => {
    // The first requester's last activity is in Portuguese (a refused fetch): the thread is told in Portuguese.
    await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/fetchTask', 'splitConversation', payload, { from: CUSTOMER, locale: 'pt-BR' }));
    const before = connector.calls.length;
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/submitAction', 'splitConversation', payload, {
      data: { title_1: 'Printer jam', messages_1: `${ROOT},1900000000102`, title_2: 'Broken mouse', messages_2: '1900000000101,1900000000103', title_3: '', messages_3: '' },
    }));
    const created = /^Created 2 tickets: #(\d+), #(\d+)\.$/.exec(String((res.body as TaskResponse).task.value));
    expect(created).not.toBeNull();
    const [first, second] = [Number(created![1]), Number(created![2])];
    const rows: { number: number; title: string; requester_id: string; ids: string[] }[] = await suite.db.dataSource.query(
      `SELECT t.number, t.title, t.requester_id, array_agg(m.platform_message_id ORDER BY m.platform_message_id) AS ids
       FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE t.number IN ($1, $2) GROUP BY t.id ORDER BY t.number`,
      [first, second],
    );
    expect(rows).toEqual([
      { number: first, title: 'Printer jam', requester_id: CUSTOMER.id, ids: [ROOT, '1900000000102'] },
      { number: second, title: 'Broken mouse', requester_id: OTHER.id, ids: ['1900000000101', '1900000000103'] },
    ]);
    const summary = await eventually(
      () => connector.acceptedSince(before).find((c) => c.conversationId === `${CHANNEL};messageid=${ROOT}` && String(c.body.text).includes(' Broken mouse')),
      'the split summary in the thread',
    );
    // In the first requester's language: the customer's last activity (the refused fetch above) was in Portuguese.
    // Each new #n links to its thread: the summary waits briefly for the new cards (contract §5).
    const link = async (n: number) => `[#${n}](${(await suite.db.dataSource.query('SELECT card_url FROM tickets WHERE number = $1', [n]))[0].card_url})`;
    const lines = [translate('pt-BR', 'notices.split_summary', { count: 2 }), `- ${await link(first)} Printer jam`, `- ${await link(second)} Broken mouse`];
    expect(summary.body.text).toBe(lines.join('\n\n'));
    expect(lines[1]).toMatch(/^- \[#\d+\]\(https:\/\/teams\.microsoft\.com\/l\/message\//);
  });

  test('an unknown command id is answered, not crashed on', async () => {
    const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/fetchTask', 'constructor', payload, { from: AGENT }));
    expect(res.status).toBe(200);
    expect((res.body as TaskResponse).task.type).toBe('message');
  });
});
