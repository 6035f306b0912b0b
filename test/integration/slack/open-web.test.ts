import { PEOPLE, startWebHarness, type WebHarness } from '../../web/web-harness';

/** "Open in the web" (contract §9): on App Home and on `show`, the link made on the click, privately. */
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({ PUBLIC_URL: 'https://support.example.com' });
});
afterAll(async () => h?.stop());

/** The Home tab's button carries no value (it lands on the list). */
const clickHome = (userId: string) => h.slack.interaction({
  type: 'block_actions', trigger_id: 'trig-action', user: { id: userId, team_id: 'T1' },
  container: { type: 'view', view_id: 'V_HOME' }, view: { id: 'V_HOME', type: 'home', blocks: [] },
  actions: [{ type: 'button', action_id: 'open_web', block_id: 'open_web', action_ts: '1' }],
});

const LINK = /https:\/\/support\.example\.com\/login\/([A-Za-z0-9_-]{43})/;

test('the Home tab offers the button but holds no link; the click opens a private modal with a fresh single-use link', async () => {
  await h.slack.event({ type: 'app_home_opened', user: 'U_WEBHOME', channel: 'D1', tab: 'home', event_ts: '1' });
  const publish = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_WEBHOME');
  const home = JSON.stringify(publish.body.view);
  expect(home).toContain('"action_id":"open_web"');
  expect(home).toContain('Open in the web');
  expect(home).not.toMatch(/login\//);

  await clickHome('U_WEBHOME');
  const modal = await h.fake.waitFor('views.open', (c) => JSON.stringify(c.body.view).includes('login/'));
  expect(modal.body.trigger_id).toBe('trig-action');
  const token = LINK.exec(JSON.stringify(modal.body.view))![1];
  const res = await fetch(`${h.app.url}/login/${token}`, { redirect: 'manual' });
  expect([res.status, res.headers.get('location')]).toEqual([303, '/tickets']);
  expect((await fetch(`${h.app.url}/login/${token}`, { redirect: 'manual' })).status).toBe(401);
});

test('`show` carries the button; the click answers ephemerally (response_url) with a link that lands on that ticket', async () => {
  const ticket = await h.newTicket(PEOPLE.customer.id, 'Scanner offline');
  const answer = await h.slack.command(PEOPLE.customer.id, `show #${ticket.number}`);
  const blocks = JSON.stringify(answer.json.blocks);
  expect(blocks).toContain('"action_id":"open_web"');
  expect(blocks).toContain(`"value":"${ticket.number}"`);
  expect(blocks).not.toMatch(/login\//);

  const hook = `${h.fake.url}/hooks/show-${ticket.number}`;
  await h.slack.interaction({
    type: 'block_actions', trigger_id: 'trig-show', user: { id: PEOPLE.customer.id, team_id: 'T1' }, response_url: hook,
    container: { type: 'message', channel_id: 'C1', message_ts: '1.1', is_ephemeral: true }, channel: { id: 'C1', name: 'x' },
    actions: [{ type: 'button', action_id: 'open_web', block_id: 'open_web', value: String(ticket.number), action_ts: '1' }],
  });
  const reply = await h.fake.waitFor(`/hooks/show-${ticket.number}`);
  expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  const token = LINK.exec(String(reply.body.text))![1];
  const res = await fetch(`${h.app.url}/login/${token}`, { redirect: 'manual' });
  expect([res.status, res.headers.get('location')]).toEqual([303, `/tickets/${ticket.number}`]);
});

test('the button obeys the same per-person rate limit as `web`', async () => {
  for (let i = 0; i < 5; i++) await h.slack.command('U_WEBMANY', 'web');
  await clickHome('U_WEBMANY');
  const modal = await h.fake.waitFor('views.open', (c) => JSON.stringify(c.body.view).includes('several sign-in links'));
  expect(JSON.stringify(modal.body.view)).not.toMatch(/login\//);
});
