import type { Browser } from 'playwright-core';
import { claimTicket, changeStatus, setPriority } from '../../src/core';
import path from 'node:path';
import { describeInBrowser, launch, screenshot, SCREENSHOTS, seriousAxeViolations, signedIn, statusOf } from './browser-support';
import { PEOPLE, startWebHarness, type WebHarness } from './web-harness';

const { customer, colleague, stranger, agent, agent2 } = PEOPLE;

jest.setTimeout(120_000);

describeInBrowser('the agents\' queue and search in a real browser (Chromium)', () => {
  let h: WebHarness;
  let browser: Browser;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startWebHarness(), launch()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  const numbersOn = (page: import('playwright-core').Page) => page.$$eval('.ticket-number', (els) => els.map((e) => Number(e.textContent!.slice(1))));

  test('the queue: agents see it in the queue order with a nav link; a customer gets 403 and no link', async () => {
    const normal = await h.newTicket(customer.id, 'Queue: printer jams on tray 2');
    const urgent = await h.newTicket(colleague.id, 'Queue: payroll export fails');
    const assigned = await h.newTicket(customer.id, 'Queue: new laptop for Bruno');
    const pending = await h.newTicket(stranger.id, 'Queue: VPN certificate renewal');
    const closed = await h.newTicket(customer.id, 'Queue: closed already');
    await setPriority(h.deps, h.actor(agent.id), urgent.number, 'urgent');
    await claimTicket(h.deps, h.actor(agent.id), assigned.number);
    await setPriority(h.deps, h.actor(agent.id), assigned.number, 'high');
    await changeStatus(h.deps, h.actor(agent.id), pending.number, 'pending');
    await changeStatus(h.deps, h.actor(agent.id), closed.number, 'closed');

    const { context, page } = await signedIn(browser, h, agent.id);
    await page.click('.topnav a:has-text("Queue")');
    await page.waitForURL(/\/queue$/);
    expect(await page.textContent('h1')).toBe('Queue');
    const shown = await numbersOn(page);
    expect(shown).not.toContain(closed.number);
    // Unassigned first (urgent before normal, then the oldest), the assigned one after them all.
    const order = [urgent.number, normal.number, pending.number, assigned.number];
    expect(shown.filter((n) => order.includes(n))).toEqual(order);
    const row = page.locator('.ticket-row', { hasText: 'payroll export fails' });
    expect(await row.textContent()).toMatch(/Open.*Urgent.*Unassigned/s);
    expect(await row.textContent()).toContain('Carla Colleague');
    expect(await row.textContent()).toMatch(/Waiting \d+ min/);
    expect(await page.textContent('body')).not.toMatch(/U_[A-Z]+/);
    await screenshot(page, 'queue-en');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();

    const asCustomer = await signedIn(browser, h, customer.id);
    expect(await asCustomer.page.$('.topnav a[href="/queue"]')).toBeNull();
    expect(await statusOf(asCustomer.page, '/queue')).toBe(403);
    expect(await asCustomer.page.textContent('h1')).toBe('The queue is for agents');
    expect(await asCustomer.page.textContent('body')).not.toContain('payroll');
    await screenshot(asCustomer.page, 'queue-forbidden-en');
    expect(await seriousAxeViolations(asCustomer.page)).toEqual([]);
    await asCustomer.context.close();
  });

  test('the queue\'s filters (a plain GET form) and its pages', async () => {
    const tag = 'Paging';
    const made: Awaited<ReturnType<WebHarness['newTicket']>>[] = [];
    for (let i = 0; i < 27; i++) made.push(await h.newTicket(customer.id, `${tag} ticket ${i}`));
    await claimTicket(h.deps, h.actor(agent2.id), made[0].number);
    await setPriority(h.deps, h.actor(agent.id), made[1].number, 'low');
    await claimTicket(h.deps, h.actor(agent.id), made[1].number);
    await changeStatus(h.deps, h.actor(agent.id), made[2].number, 'pending');

    const { context, page } = await signedIn(browser, h, agent.id);
    await page.goto('/queue');
    await page.fill('#queue-q', 'PAGING');
    await page.click('.queue-filters button[type="submit"]');
    await page.waitForURL(/[?&]q=PAGING$/);
    expect(await page.textContent('.count')).toBe('1–25 of 27 tickets');
    const first = await numbersOn(page);
    expect(first).toHaveLength(25);
    // Unassigned first, all Normal, so the oldest first; then the assigned ones, Normal before Low.
    expect(first).toEqual(made.slice(2).map((t) => t.number));
    await page.click('a[rel="next"]');
    await page.waitForURL(/page=2/);
    expect(await page.textContent('.pager-where')).toBe('Page 2 of 2');
    const second = await numbersOn(page);
    expect(second).toEqual([made[0].number, made[1].number]);
    expect(new Set([...first, ...second]).size).toBe(27);
    await screenshot(page, 'queue-page-2-en');
    await page.click('a[rel="prev"]');
    await page.waitForURL((url) => !url.search.includes('page='));

    await page.selectOption('#queue-assignee', 'me');
    await page.click('.queue-filters button[type="submit"]');
    await page.waitForURL(/assignee=me/);
    expect(await numbersOn(page)).toEqual([made[1].number]);
    await page.selectOption('#queue-assignee', '');
    await page.selectOption('#queue-status', 'pending');
    await page.click('.queue-filters button[type="submit"]');
    await page.waitForURL(/status=pending/);
    expect(await numbersOn(page)).toEqual([made[2].number]);
    await page.goto('/queue?q=paging&priority=low');
    expect(await numbersOn(page)).toEqual([made[1].number]);
    expect(await page.inputValue('#queue-priority')).toBe('low');
    await page.goto('/queue?q=paging&assignee=none&status=open');
    const unassigned = await numbersOn(page);
    expect(unassigned).toHaveLength(24);
    expect(unassigned).not.toContain(made[0].number);
    // Nonsense in the URL is "any", never an error page.
    expect(await statusOf(page, '/queue?status=closed&priority=x&assignee=y&page=-3')).toBe(200);
    await page.click('a:has-text("Reset")');
    await page.waitForURL(/\/queue$/);
    await context.close();
  });

  test('search on /tickets: accents and case ignored; a customer never finds another\'s ticket; an agent finds the workspace\'s', async () => {
    const mine = await h.newTicket(customer.id, 'Configuração do e-mail no celular', { messages: [{ text: 'Não sincroniza desde ontem' }] });
    const byMessage = await h.newTicket(customer.id, 'Phone problem', { messages: [{ text: 'The CONFIGURATION screen freezes' }] });
    const notMine = await h.newTicket(stranger.id, 'Configuração secreta do Otto');
    const closedMine = await h.newTicket(customer.id, 'Configuracao antiga');
    await changeStatus(h.deps, h.actor(customer.id), closedMine.number, 'closed');

    const { context, page } = await signedIn(browser, h, customer.id);
    await page.fill('#search-q', 'CONFIGURACAO');
    await page.click('.search-form button[type="submit"]');
    await page.waitForURL(/\/tickets\?q=CONFIGURACAO/);
    const found = await numbersOn(page);
    expect(found).toEqual(expect.arrayContaining([mine.number, closedMine.number]));
    expect(found).not.toContain(notMine.number);
    expect(await page.textContent('h1')).toBe('Tickets matching “CONFIGURACAO”');
    expect(await page.textContent('body')).not.toContain('secreta');
    await screenshot(page, 'tickets-search-en');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.click('a.filter:has-text("Not closed")');
    await page.waitForURL(/status=active/);
    expect(await numbersOn(page)).not.toContain(closedMine.number);
    expect(await page.inputValue('#search-q')).toBe('CONFIGURACAO');
    await page.goto('/tickets?q=sincronizá');
    expect(await numbersOn(page)).toEqual([mine.number]);
    await page.goto('/tickets?q=configurations');
    expect(await numbersOn(page)).toContain(byMessage.number);
    await page.goto('/tickets?q=otto');
    expect(await numbersOn(page)).toEqual([]);
    expect(await page.textContent('.empty')).toContain('No ticket matches “otto”');
    await page.click('a:has-text("Clear search")');
    await page.waitForURL(/\/tickets$/);
    await context.close();

    const asAgent = await signedIn(browser, h, agent.id);
    await asAgent.page.goto('/tickets?q=configura%C3%A7%C3%A3o');
    expect(await numbersOn(asAgent.page)).toEqual(expect.arrayContaining([mine.number, notMine.number]));
    await asAgent.page.goto('/queue?q=secreta');
    expect(await numbersOn(asAgent.page)).toEqual([notMine.number]);
    await asAgent.context.close();
  });

  test('Portuguese and a phone\'s width: the queue and search read in pt-BR and nothing overflows sideways', async () => {
    await h.newTicket(customer.id, 'Impressora não imprime frente e verso');
    const { context, page } = await signedIn(browser, h, agent2.id, { viewport: { width: 375, height: 740 } });
    await page.selectOption('#lang-select', 'pt-BR');
    await page.waitForSelector('html[lang="pt-BR"]');
    await page.goto('/queue');
    expect(await page.textContent('h1')).toBe('Fila');
    expect(await page.textContent('.topnav')).toContain('Fila');
    expect(await page.textContent('.queue-filters')).toContain('Sem atendente');
    expect(await page.textContent('.ticket-list')).toMatch(/Esperando há/);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'queue-phone-pt-BR');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-phone-top-pt-BR.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto('/tickets?q=IMPRESSORA');
    expect(await page.textContent('h1')).toBe('Chamados com “IMPRESSORA”');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'tickets-search-phone-pt-BR');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.selectOption('#lang-select', 'en');
    await page.waitForSelector('html[lang="en"]');
    expect(page.url()).toMatch(/\/tickets\?q=IMPRESSORA$/);
    await context.close();
  });
});
