import type { Browser } from 'playwright-core';
import { changeCc, changeStatus, claimTicket, recordThreadMessages, setPriority } from '../../src/core';
import { eventually } from '../support/slack-harness';
import { describeInBrowser, launch, screenshot, seriousAxeViolations, signedIn, statusOf } from './browser-support';
import { file, PEOPLE, startWebHarness, type WebHarness } from './web-harness';

const { customer, colleague, stranger, agent, agent2 } = PEOPLE;

// A browser, a whole app and a dozen pages a test: minutes, not the default half minute.
jest.setTimeout(120_000);

describeInBrowser('the web ticket area in a real browser (Chromium)', () => {
  let h: WebHarness;
  let browser: Browser;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launch()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  test('sign-in: a used, an expired and an unknown link each show the 401 page with how to get a new one', async () => {
    const context = await browser.newContext({ baseURL: h.app.url });
    const page = await context.newPage();
    const path = await h.loginPath('U_SIGNIN');
    await page.goto(path);
    await expect(page.url()).toMatch(/\/tickets$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'chamado_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const used = await browser.newPage();
    expect((await used.goto(`${h.app.url}${path}`))?.status()).toBe(401);
    expect(await used.textContent('h1')).toBe('This sign-in link does not work');
    expect(await used.textContent('main')).toContain('/ticket web');
    await screenshot(used, 'signin-invalid-en');
    expect(await seriousAxeViolations(used)).toEqual([]);

    const late = await h.loginPath('U_LATE');
    h.advance(16 * 60_000);
    try {
      expect((await used.goto(`${h.app.url}${late}`))?.status()).toBe(401);
    } finally {
      h.advance(-16 * 60_000);
    }
    expect((await used.goto(`${h.app.url}/login/${'x'.repeat(43)}`))?.status()).toBe(401);
    expect((await used.goto(`${h.app.url}/tickets`))?.status()).toBe(401);
    expect(await used.textContent('h1')).toBe('Sign in to see your tickets');
    await screenshot(used, 'signin-needed-en');
    await used.close();
    await context.close();
  });

  test('my tickets: requester, assignee and CC, status filters, names never ids, no axe violation', async () => {
    const mine = await h.newTicket(customer.id, 'VPN drops every hour');
    const pending = await h.newTicket(customer.id, 'Invoice PDF is blank');
    const closed = await h.newTicket(customer.id, 'Password reset e-mail never arrives');
    const ccd = await h.newTicket(colleague.id, 'Shared drive is read-only');
    await changeStatus(h.deps, h.actor(agent.id), pending.number, 'pending');
    await changeStatus(h.deps, h.actor(customer.id), closed.number, 'closed');
    await changeCc(h.deps, h.actor(colleague.id), ccd.number, [customer.id], true);
    await claimTicket(h.deps, h.actor(agent.id), mine.number);
    await setPriority(h.deps, h.actor(agent.id), mine.number, 'urgent');
    const notMine = await h.newTicket(stranger.id, 'Not for Maria');

    const { context, page } = await signedIn(browser, h, customer.id);
    const numbers = async () => page.$$eval('.ticket-number', (els) => els.map((e) => e.textContent));
    expect(await numbers()).toEqual(expect.arrayContaining([`#${mine.number}`, `#${pending.number}`, `#${ccd.number}`]));
    expect(await numbers()).not.toContain(`#${closed.number}`);
    expect(await numbers()).not.toContain(`#${notMine.number}`);
    const body = await page.textContent('body');
    expect(body).toContain('Ana Agent');
    expect(body).toContain('Carla Colleague');
    expect(body).not.toMatch(/U_[A-Z]+/);
    await screenshot(page, 'tickets-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/status=closed$/), page.click('a.filter[href="/tickets?status=closed"]')]);
    expect(await numbers()).toContain(`#${closed.number}`);
    expect(await numbers()).not.toContain(`#${mine.number}`);
    await page.goto('/tickets?status=pending');
    expect(await numbers()).toContain(`#${pending.number}`);
    expect(await numbers()).not.toContain(`#${mine.number}`);
    await page.goto('/tickets?status=all');
    expect(await numbers()).toEqual(expect.arrayContaining([`#${mine.number}`, `#${pending.number}`, `#${closed.number}`, `#${ccd.number}`]));
    await context.close();
  });

  test('a ticket page: people by name, times, follow-ups both ways, full history with files and links, audit trail, thread link', async () => {
    const original = await h.newTicket(customer.id, 'Laptop will not charge', {
      messages: [
        { text: 'It stopped charging this morning, see <https://status.example.com/charger|the status page> and <@U_AGENT>', files: [file('charger-photo.jpg', 'https://files.example.com/charger-photo.jpg', 482_133, 'image/jpeg')] },
        { text: 'Also the manual: https://docs.example.com/manual.pdf', authorId: colleague.id },
      ],
    });
    await changeStatus(h.deps, h.actor(customer.id), original.number, 'closed');
    const [outcome] = await recordThreadMessages(h.deps, [{
      workspaceId: 'slack:T1',
      platform: 'slack',
      authorIsAgent: false,
      message: {
        id: '1800000000.000001', channelId: original.channelId, threadId: original.threadId, authorId: customer.id,
        text: 'It happened again <script>alert(1)</script>', files: [], postedAt: new Date(),
      },
    }]);
    if (outcome.kind !== 'follow_up') throw new Error('expected a follow-up');
    const followUp = outcome.followUp;

    const { context, page } = await signedIn(browser, h, customer.id);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto(`/tickets/${original.number}`);
    expect(await page.textContent('h1')).toContain(`#${original.number}`);
    expect(await page.textContent('h1')).toContain('Laptop will not charge');
    expect(await page.textContent('.ticket-head')).toContain('Closed');
    expect(await page.textContent('.ticket-head')).toContain('Normal');
    const details = (await page.textContent('.details'))!;
    expect(details).toContain('Maria Souza');
    expect(details).toMatch(/Opened.*Last change.*Closed/s);
    expect(details).toContain('America/Sao_Paulo');
    expect(await page.getAttribute(`.details a[href="/tickets/${followUp.number}"]`, 'href')).toBe(`/tickets/${followUp.number}`);
    expect(await page.getAttribute('a:has-text("Open the chat thread")', 'href')).toMatch(/^https:\/\/test\.slack\.com\/archives\/C1\/p\d+$/);
    const history = (await page.textContent('.history'))!;
    expect(history).toContain('It stopped charging this morning');
    expect(history).toContain('@Ana Agent');
    expect(await page.getAttribute('a:has-text("charger-photo.jpg")', 'href')).toBe('https://files.example.com/charger-photo.jpg');
    expect(history).toContain('471 KB');
    expect(await page.getAttribute('.message-text a:has-text("the status page")', 'href')).toBe('https://status.example.com/charger');
    expect(await page.$$eval('a[href="https://docs.example.com/manual.pdf"]', (a) => a.length)).toBeGreaterThanOrEqual(1);
    const authors = await page.$$eval('.history .author', (els) => els.map((e) => e.textContent));
    expect(authors).toEqual(['Maria Souza', 'Carla Colleague']);
    const audit = (await page.textContent('.audit'))!;
    expect(audit).toContain('Maria Souza opened the ticket');
    expect(audit).toContain('Maria Souza changed the status from Open to Closed');
    expect(audit).toContain(`follow-up #${followUp.number}`);
    expect(await page.textContent('body')).not.toMatch(/U_[A-Z]+/);
    await screenshot(page, 'ticket-closed-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`/tickets/${followUp.number}`);
    expect(await page.getAttribute(`.details a[href="/tickets/${original.number}"]`, 'href')).toBe(`/tickets/${original.number}`);
    expect(await page.textContent('.history')).toContain('It happened again <script>alert(1)</script>');
    expect(dialogs).toBe(0);
    await context.close();
  });

  test('404 for a ticket one may not see, exactly as for one that does not exist; another workspace is never seen', async () => {
    const secret = await h.newTicket(stranger.id, 'Salary spreadsheet');
    const elsewhere = await h.newTicket(customer.id, 'Ticket in another workspace', { workspaceId: 'slack:T2' });
    const { context, page } = await signedIn(browser, h, customer.id);
    const hidden = await statusOf(page, `/tickets/${secret.number}`);
    const hiddenBody = (await page.textContent('main'))!.replace(String(secret.number), 'N');
    const missing = await statusOf(page, '/tickets/987654');
    const missingBody = (await page.textContent('main'))!.replace('987654', 'N');
    expect([hidden, missing]).toEqual([404, 404]);
    expect(hiddenBody).toBe(missingBody);
    expect(await page.textContent('body')).not.toContain('Salary');
    await screenshot(page, 'not-found-en');
    const otherWorkspace = await h.byNumber(elsewhere.number, 'slack:T2');
    expect(otherWorkspace.title).toBe('Ticket in another workspace');
    const sameNumberHere = await h.deps.store.tickets.byNumber('slack:T1', elsewhere.number);
    if (!sameNumberHere || sameNumberHere.requesterId !== customer.id) {
      expect(await statusOf(page, `/tickets/${elsewhere.number}`)).toBe(404);
    }
    expect(await page.textContent('body')).not.toContain('another workspace');
    // A POST about a ticket one may not see is 404 too, and changes nothing.
    const csrf = await page.getAttribute('input[name="_csrf"]', 'value');
    const post = await page.request.post(`/tickets/${secret.number}/close`, { form: { _csrf: csrf! }, maxRedirects: 0 });
    expect(post.status()).toBe(404);
    expect((await h.byNumber(secret.number)).status).toBe('open');
    await context.close();
  });

  test('reply from the web: in the history and posted into the thread as "<name> (web): …"; a customer reply reopens a Pending ticket', async () => {
    const ticket = await h.newTicket(customer.id, 'Monitor flickers');
    await changeStatus(h.deps, h.actor(agent.id), ticket.number, 'pending');
    const { context, page } = await signedIn(browser, h, customer.id);
    await page.goto(`/tickets/${ticket.number}`);
    await page.fill('#reply-text', 'Still flickering <b>after</b> the update & reboot');
    await page.click('button:has-text("Send reply")');
    await page.waitForURL(new RegExp(`/tickets/${ticket.number}\\?done=reply$`));
    expect(await page.textContent('.flash')).toContain('Your reply was posted');
    expect(await page.textContent('.history')).toContain('Still flickering <b>after</b> the update & reboot');
    expect(await page.textContent('.ticket-head')).toContain('Open');
    const posted = await eventually(async () => h.fake.calls.find(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ticket.threadId && String(c.body.text).includes('(web):'),
    ));
    expect(posted.body.text).toBe('Maria Souza (web): Still flickering &lt;b&gt;after&lt;/b&gt; the update &amp; reboot');
    const rows = await h.sql('SELECT author_id, text FROM ticket_messages WHERE ticket_id = $1', [ticket.id]);
    expect(rows).toEqual([{ author_id: customer.id, text: 'Still flickering <b>after</b> the update & reboot' }]);
    expect((await h.byNumber(ticket.number)).status).toBe('open');
    await screenshot(page, 'ticket-after-reply-en');
    await context.close();
  });

  test('a customer: close and reopen their own ticket and CC a colleague; agents-only actions are not offered and are refused by POST', async () => {
    const ticket = await h.newTicket(customer.id, 'Keyboard missing keys', { messages: [{ text: 'Hi', authorId: colleague.id }] });
    const { context, page } = await signedIn(browser, h, customer.id);
    await page.goto(`/tickets/${ticket.number}`);
    expect(await page.$('button:has-text("Assign to me")')).toBeNull();
    expect(await page.$('#priority-select')).toBeNull();
    expect(await page.$('#status-select')).toBeNull();
    await page.selectOption('#cc-select', { label: colleague.name });
    await page.click('button:has-text("Add CC")');
    await page.waitForURL(/done=cc$/);
    expect((await h.byNumber(ticket.number)).ccIds).toEqual([colleague.id]);
    expect(await page.textContent('.details')).toContain('Carla Colleague');
    await page.click('button:has-text("Close ticket")');
    await page.waitForURL(/done=status$/);
    expect((await h.byNumber(ticket.number)).status).toBe('closed');
    await page.click('button:has-text("Reopen ticket")');
    await page.waitForURL(/done=status$/);
    expect((await h.byNumber(ticket.number)).status).toBe('open');

    const csrf = (await page.getAttribute('input[name="_csrf"]', 'value'))!;
    const refused = [
      ['priority', { priority: 'urgent' }],
      ['claim', {}],
      ['assign', { person: customer.id }],
      ['status', { status: 'pending' }],
    ] as const;
    for (const [action, fields] of refused) {
      const res = await page.request.post(`/tickets/${ticket.number}/${action}`, { form: { _csrf: csrf, ...fields }, maxRedirects: 0 });
      expect({ action, status: res.status() }).toEqual({ action, status: 403 });
    }
    const after = await h.byNumber(ticket.number);
    expect([after.priority, after.assigneeId, after.status]).toEqual(['normal', null, 'open']);
    await page.goto(`/tickets/${ticket.number}`);
    await screenshot(page, 'ticket-customer-en');
    await context.close();

    // A CC'd colleague may not close someone else's ticket, but may take themselves off.
    const other = await signedIn(browser, h, colleague.id);
    const res = await other.page.request.post(`/tickets/${ticket.number}/close`, {
      form: { _csrf: (await other.page.getAttribute('input[name="_csrf"]', 'value'))! }, maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    await other.page.goto(`/tickets/${ticket.number}`);
    expect(await other.page.$('button:has-text("Close ticket")')).toBeNull();
    await other.page.click('.cc-list button');
    await other.page.waitForURL(/done=cc$/);
    expect((await h.byNumber(ticket.number)).ccIds).toEqual([]);
    await other.context.close();
  });

  test('an agent: claim, assign, priority, status and CC from the page, each in the audit trail and announced in the thread', async () => {
    const ticket = await h.newTicket(customer.id, 'Wi-Fi in room 4 is slow', { messages: [{ text: 'Since Monday', authorId: colleague.id }] });
    const { context, page } = await signedIn(browser, h, agent.id);
    await page.goto(`/tickets/${ticket.number}`);
    await screenshot(page, 'ticket-agent-en');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.click('button:has-text("Assign to me")');
    await page.waitForURL(/done=claim$/);
    expect((await h.byNumber(ticket.number)).assigneeId).toBe(agent.id);
    await page.selectOption('#assign-select', { label: agent2.name });
    await page.click('button:has-text("Assign")');
    await page.waitForURL(/done=assign$/);
    expect((await h.byNumber(ticket.number)).assigneeId).toBe(agent2.id);
    await page.selectOption('#priority-select', 'high');
    await page.click('button:has-text("Set priority")');
    await page.waitForURL(/done=priority$/);
    expect((await h.byNumber(ticket.number)).priority).toBe('high');
    await page.selectOption('#status-select', 'pending');
    await page.click('button:has-text("Set status")');
    await page.waitForURL(/done=status$/);
    expect((await h.byNumber(ticket.number)).status).toBe('pending');
    await page.selectOption('#cc-select', { label: colleague.name });
    await page.click('button:has-text("Add CC")');
    await page.waitForURL(/done=cc$/);
    expect((await h.byNumber(ticket.number)).ccIds).toEqual([colleague.id]);
    // Setting what is already set changes nothing and says so.
    await page.selectOption('#priority-select', 'high');
    await page.click('button:has-text("Set priority")');
    expect(await page.textContent('.flash-error')).toContain('already has that priority');
    const audit = (await page.textContent('.audit'))!;
    for (const line of [
      'Ana Agent assigned it to Ana Agent', 'Ana Agent assigned it to Bruno Agent', 'Ana Agent changed the priority from Normal to High',
      'Ana Agent changed the status from Open to Pending', 'Ana Agent CC\'d Carla Colleague',
    ]) {
      expect(audit).toContain(line);
    }
    await eventually(async () => h.fake.calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ticket.threadId && String(c.body.text).includes('priority')));
    await page.goto(`/tickets/${ticket.number}`);
    await screenshot(page, 'ticket-agent-after-en');
    await context.close();
  });

  test('CSRF: a form POST without the session\'s token is 403 and changes nothing', async () => {
    const ticket = await h.newTicket(customer.id, 'Mouse double-clicks');
    const { context, page } = await signedIn(browser, h, agent.id);
    await page.goto(`/tickets/${ticket.number}`);
    const other = await signedIn(browser, h, agent2.id);
    const foreignToken = (await other.page.getAttribute('input[name="_csrf"]', 'value'))!;
    for (const form of [{}, { _csrf: 'nope' }, { _csrf: foreignToken }] as Record<string, string>[]) {
      for (const [action, fields] of [['close', {}], ['priority', { priority: 'urgent' }], ['reply', { text: 'forged' }], ['claim', {}]] as const) {
        const res = await page.request.post(`/tickets/${ticket.number}/${action}`, { form: { ...form, ...fields }, maxRedirects: 0 });
        expect({ action, status: res.status() }).toEqual({ action, status: 403 });
      }
    }
    const lang = await page.request.post('/lang', { form: { lang: 'pt-BR', _csrf: 'nope' }, maxRedirects: 0 });
    expect(lang.status()).toBe(403);
    const after = await h.byNumber(ticket.number);
    expect([after.status, after.priority, after.assigneeId]).toEqual(['open', 'normal', null]);
    expect(await h.sql('SELECT 1 FROM ticket_messages WHERE ticket_id = $1', [ticket.id])).toEqual([]);
    await screenshot(await (async () => {
      await page.goto(`/tickets/${ticket.number}`);
      await page.evaluate(() => document.querySelectorAll('input[name="_csrf"]').forEach((i) => ((i as HTMLInputElement).value = 'tampered')));
      await page.click('button:has-text("Close ticket")');
      return page;
    })(), 'forbidden-en');
    expect(await page.textContent('h1')).toBe('This form has expired');
    expect((await h.byNumber(ticket.number)).status).toBe('open');
    await other.context.close();
    await context.close();
  });

  test('the language switch: Portuguese pages, kept as the person\'s language (as lang sets it), and back', async () => {
    const ticket = await h.newTicket('U_LANG', 'Impressora não imprime');
    const { context, page } = await signedIn(browser, h, 'U_LANG');
    await page.selectOption('#lang-select', 'pt-BR');
    await page.waitForSelector('html[lang="pt-BR"]');
    expect(await page.textContent('h1')).toBe('Seus chamados');
    expect(await page.textContent('.ticket-list')).toContain('Aberto');
    const prefs = await h.sql('SELECT locale FROM user_preferences WHERE workspace_id = $1 AND user_id = $2', ['slack:T1', 'U_LANG']);
    expect(prefs).toEqual([{ locale: 'pt-BR' }]);
    await screenshot(page, 'tickets-pt-BR');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto(`/tickets/${ticket.number}`);
    expect(await page.textContent('.details')).toContain('Solicitante');
    expect(await page.textContent('.ticket-head')).toContain('Aberto');
    await screenshot(page, 'ticket-pt-BR');
    await page.selectOption('#lang-select', 'en');
    await page.waitForSelector('html[lang="en"]');
    expect(page.url()).toMatch(new RegExp(`/tickets/${ticket.number}$`));
    expect(await page.textContent('.details')).toContain('Requester');
    await context.close();
  });

  test('at a phone\'s width nothing overflows sideways and every control is reachable', async () => {
    const ticket = await h.newTicket(customer.id, 'A rather long title that has to wrap nicely on a small phone screen without overflowing', {
      messages: [{ text: 'https://example.com/a/very/long/link/that/could/overflow/the/layout/if/nothing/wraps/it/0123456789', files: [file('screenshot-2026-12-06-at-09.41.22.png', 'https://files.example.com/s.png')] }],
    });
    const { context, page } = await signedIn(browser, h, customer.id, { viewport: { width: 375, height: 740 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'tickets-phone');
    await page.goto(`/tickets/${ticket.number}`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await page.isVisible('button:has-text("Send reply")')).toBe(true);
    await screenshot(page, 'ticket-phone');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  test('pages load nothing from another server and run no inline script; sign-out ends the session', async () => {
    const { context, page } = await signedIn(browser, h, 'U_OFFLINE');
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(h.app.url)) foreign.push(r.url());
    });
    const res = await page.goto('/tickets');
    expect(res?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    expect(res?.headers()['x-frame-options']).toBe('DENY');
    expect(await page.$$eval('script:not([src])', (s) => s.length)).toBe(0);
    expect(await page.$$eval('[style]', (s) => s.length)).toBe(0);
    expect(foreign).toEqual([]);
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('h1:has-text("You are signed out.")');
    await screenshot(page, 'signed-out-en');
    expect(await statusOf(page, '/tickets')).toBe(401);
    await context.close();
  });
});
