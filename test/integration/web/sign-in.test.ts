import { PEOPLE, startWebHarness, type WebHarness } from '../../web/web-harness';

/** Sign-in by link (contract §9), over plain HTTP: what the browser tests rely on. */
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({ PUBLIC_URL: 'https://support.example.com/' });
});
afterAll(async () => h?.stop());

const get = (path: string, cookie?: string) => fetch(`${h.app.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const cookieFrom = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

test('/ticket web answers a private link under PUBLIC_URL; only its sha256 is stored, nowhere in the outbox', async () => {
  const answer = await h.slack.command('U_WEBCMD', 'web');
  expect(answer.json.response_type).toBe('ephemeral');
  const url = /https:\/\/support\.example\.com\/login\/([A-Za-z0-9_-]{43})/.exec(answer.json.text);
  expect(url).not.toBeNull();
  const token = url![1];
  const rows = await h.sql('SELECT token_hash FROM web_login_tokens WHERE user_id = $1', ['U_WEBCMD']);
  expect(rows).toHaveLength(1);
  expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(rows[0].token_hash).not.toContain(token);
  const outbox = await h.sql('SELECT count(*)::int AS n FROM outbox o WHERE o::text LIKE $1', [`%${token}%`]);
  expect(outbox[0].n).toBe(0);
});

test('a link opens a session once: HttpOnly, SameSite=Lax, Secure under https; the second time is 401', async () => {
  const path = await h.loginPath(PEOPLE.customer.id);
  const first = await get(path);
  expect(first.status).toBe(303);
  expect(first.headers.get('location')).toBe('/tickets');
  const setCookie = first.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^chamado_session=[A-Za-z0-9_-]{43};/);
  expect(setCookie).toContain('HttpOnly');
  expect(setCookie).toContain('SameSite=Lax');
  expect(setCookie).toContain('Secure');
  const list = await get('/tickets', cookieFrom(first));
  expect(list.status).toBe(200);
  const again = await get(path);
  expect(again.status).toBe(401);
  expect(again.headers.get('set-cookie')).toBeNull();
  expect(await again.text()).toContain('/ticket web');
  const sessions = await h.sql('SELECT session_hash FROM web_sessions WHERE user_id = $1', [PEOPLE.customer.id]);
  expect(sessions.map((s: { session_hash: string }) => s.session_hash)).not.toContain(cookieFrom(first).split('=')[1]);
});

test('a link made for a ticket lands on it', async () => {
  const ticket = await h.newTicket('U_LANDING', 'Printer on fire');
  const res = await get(await h.loginPath('U_LANDING', { ticketNumber: ticket.number }));
  expect(res.headers.get('location')).toBe(`/tickets/${ticket.number}`);
});

test('an expired link and an unknown one get 401 with the how-to page; so does every page without a session', async () => {
  const path = await h.loginPath('U_EXPIRES');
  h.advance(15 * 60_000 + 1000);
  const expired = await get(path).finally(() => h.advance(-(15 * 60_000 + 1000)));
  expect(expired.status).toBe(401);
  expect(await expired.text()).toContain('@Chamado web');
  expect((await get(`/login/${'A'.repeat(43)}`)).status).toBe(401);
  expect((await get('/login/not-even-a-token')).status).toBe(401);
  for (const page of ['/tickets', '/tickets?status=all', '/tickets/1', '/tickets/999999']) {
    const res = await get(page);
    expect({ page, status: res.status }).toEqual({ page, status: 401 });
  }
  const bogus = await get('/tickets', 'chamado_session=forged-and-wrong');
  expect(bogus.status).toBe(401);
});

test('links are rate-limited per person: the sixth within 15 minutes is refused, other people are not', async () => {
  for (let i = 0; i < 5; i++) expect((await h.slack.command('U_HAMMER', 'web')).json.text).toContain('/login/');
  const sixth = await h.slack.command('U_HAMMER', 'web');
  expect(sixth.json.text).not.toContain('/login/');
  expect(sixth.json.text).toContain('15 minutes');
  expect((await h.slack.command('U_CALM', 'web')).json.text).toContain('/login/');
  const rows = await h.sql('SELECT count(*)::int AS n FROM web_login_tokens WHERE user_id = $1', ['U_HAMMER']);
  expect(rows[0].n).toBe(5);
});

test('POST /logout without the CSRF token is 403 and keeps the session; with it, the session is gone everywhere', async () => {
  const cookie = cookieFrom(await get(await h.loginPath('U_LOGOUT')));
  const page = await (await get('/tickets', cookie)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
  const post = (body: string) => fetch(`${h.app.url}/logout`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body,
  });
  expect((await post('_csrf=wrong')).status).toBe(403);
  expect((await get('/tickets', cookie)).status).toBe(200);
  const out = await post(`_csrf=${encodeURIComponent(csrf)}`);
  expect(out.status).toBe(200);
  expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  expect((await get('/tickets', cookie)).status).toBe(401);
});

test('web pages carry the security headers; assets come from us', async () => {
  const res = await get('/login/unknown');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  const css = await get('/assets/style.css');
  expect(css.status).toBe(200);
  expect(css.headers.get('content-type')).toContain('text/css');
  expect((await get('/assets/../../package.json')).status).not.toBe(200);
});
