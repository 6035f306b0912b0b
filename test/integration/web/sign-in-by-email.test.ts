import { emailTicket } from '../../support/email-tickets';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';
import { SmtpSink } from '../../support/smtp-sink';

/** E-mail people sign in to the web area with a link mailed to them (contract §9, §10). */

let sink: SmtpSink;
let h: SlackHarness;

beforeAll(async () => {
  sink = await new SmtpSink().start();
  h = await startSlackHarness({ SMTP_URL: sink.url, EMAIL_FROM: 'Acme Support <support@acme.example>', EMAIL_TICKETS_CHANNEL: 'slack:C_GENERAL' });
});
afterAll(async () => {
  await h?.stop();
  await sink?.stop();
});

const threadOf = async (n: number) => (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | null;
const ask = (email: string, headers: Record<string, string> = {}) =>
  fetch(`${h.app.url}/login/email`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', ...headers },
    body: new URLSearchParams({ email }).toString(),
  });
const page = async (res: Response) => (await res.text()).replace(/\s+/g, ' ');

test('the sign-in page offers the e-mail form when e-mail is on', async () => {
  const res = await fetch(`${h.app.url}/tickets`);
  expect(res.status).toBe(401);
  const html = await res.text();
  expect(html).toContain('action="/login/email"');
  expect(html).toContain('type="email"');
});

test('a known address and an unknown one get the same answer; only the known one gets a link by mail, and the link signs in once', async () => {
  const ticket = await emailTicket(h.app.context.deps, threadOf, { address: 'pia@customer.example', title: 'Badge does not open the door' });
  const known = await ask('Pia@Customer.example');
  const unknown = await ask('nobody@customer.example');
  expect(known.status).toBe(200);
  expect(unknown.status).toBe(200);
  expect(await page(known)).toBe(await page(unknown));

  const [mail] = await eventually(() => (sink.to('pia@customer.example').length > 0 ? sink.to('pia@customer.example') : null), 'the link by mail');
  expect(mail.parsed.from?.value[0].address).toBe('support@acme.example');
  const link = /(http:\/\/localhost:\d+|http:\/\/127\.0\.0\.1:\d+|https?:\/\/[^/\s]+)\/login\/([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '');
  expect(link).not.toBeNull();
  expect(mail.parsed.html).toContain(`/login/${link![2]}`);
  const opened = await fetch(`${h.app.url}/login/${link![2]}`, { redirect: 'manual' });
  expect(opened.status).toBe(303);
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0];
  const list = await fetch(`${h.app.url}/tickets`, { headers: { cookie } });
  expect(list.status).toBe(200);
  expect(await list.text()).toContain(ticket.title);
  expect((await fetch(`${h.app.url}/login/${link![2]}`, { redirect: 'manual' })).status).toBe(401);

  // Nothing ever went to the unknown address; the token is stored only as its hash.
  expect(sink.to('nobody@customer.example')).toHaveLength(0);
  const stored = await h.sql('SELECT count(*)::int AS n FROM web_login_tokens t WHERE t::text LIKE $1', [`%${link![2]}%`]);
  expect(stored[0].n).toBe(0);
});

test('a form posted from another site is refused and mails nothing; a bad address gets a clear 400', async () => {
  await emailTicket(h.app.context.deps, threadOf, { address: 'quin@customer.example', title: 'Forged' });
  const forged = await ask('quin@customer.example', { origin: 'https://evil.example' });
  expect(forged.status).toBe(403);
  const bad = await ask('not an address');
  expect(bad.status).toBe(400);
  expect(await page(bad)).toContain('does not look like an e-mail address');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(sink.to('quin@customer.example')).toHaveLength(0);
});

test('the per-person limit holds by address: after five links, more asks mail nothing but answer the same', async () => {
  await emailTicket(h.app.context.deps, threadOf, { address: 'rui@customer.example', title: 'Limit' });
  const answers = [];
  for (let i = 0; i < 7; i += 1) answers.push(await ask('rui@customer.example', { origin: h.app.url }));
  expect(answers.map((a) => a.status)).toEqual(Array(7).fill(200));
  await eventually(() => sink.to('rui@customer.example').length === 5, 'five links');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(sink.to('rui@customer.example')).toHaveLength(5);
});

test('signed in by mail, an e-mail person answers on the web: the CC\'d e-mail person gets it by mail, the writer does not; an internal note is badged', async () => {
  const ticket = await emailTicket(h.app.context.deps, threadOf, { address: 'sara@customer.example', title: 'Web answer', cc: ['tom@customer.example'] });
  await ask('sara@customer.example');
  const [mail] = await eventually(() => (sink.to('sara@customer.example').length > 0 ? sink.to('sara@customer.example') : null), 'the link by mail');
  const token = /\/login\/([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '')![1];
  const cookie = ((await fetch(`${h.app.url}/login/${token}`, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0];
  const pageHtml = await (await fetch(`${h.app.url}/tickets/${ticket.number}`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(pageHtml)![1];
  const post = (text: string) => fetch(`${h.app.url}/tickets/${ticket.number}/reply`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, text }).toString(),
  });
  expect((await post('Written on the web')).status).toBe(303);
  const [toTom] = await eventually(() => (sink.to('tom@customer.example').length > 0 ? sink.to('tom@customer.example') : null), 'the web reply by mail');
  expect(toTom.parsed.text).toContain('Written on the web');
  expect(toTom.parsed.from?.value[0].name).toBe('sara@customer.example');
  expect(sink.to('sara@customer.example').map((m) => m.parsed.text).join('\n')).not.toContain('Written on the web');

  // A note written in the thread is kept, shown as internal, and mailed to nobody.
  await h.slack.message('U_AGENT', 'C_GENERAL', '777.000100', 'note: check her contract', { thread_ts: ticket.threadId });
  await eventually(async () => (await h.sql('SELECT 1 FROM ticket_messages WHERE ticket_id = $1 AND text LIKE $2', [ticket.id, 'note:%'])).length === 1, 'the note stored');
  const withNote = await (await fetch(`${h.app.url}/tickets/${ticket.number}`, { headers: { cookie } })).text();
  expect(withNote).toContain('internal note');
});

describe('with e-mail off', () => {
  let off: SlackHarness;
  beforeAll(async () => { off = await startSlackHarness(); });
  afterAll(async () => off?.stop());

  test('the form is absent and POST /login/email answers 404', async () => {
    expect(await (await fetch(`${off.app.url}/tickets`)).text()).not.toContain('/login/email');
    const res = await fetch(`${off.app.url}/login/email`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.example' });
    expect(res.status).toBe(404);
  });
});
