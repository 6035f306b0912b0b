import { runCommand, setLanguage } from '../../src/core';
import { coreFixture, person, type CoreFixture } from '../support/core-fixture';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const ctx = { channelId: 'C_SUPPORT' };
const customer = person('U_CUST');
const agent = person('U_AGENT', true);

test('new opens a ticket in the channel it was typed in', async () => {
  const result = await runCommand(f.deps, customer, 'new Cannot print to the 3rd floor', ctx);
  expect(result).toMatchObject({ type: 'done', key: 'replies.opened', params: { number: 1 } });
  const ticket = await f.deps.store.tickets.byNumber('slack:T1', 1);
  expect(ticket).toMatchObject({ channelId: 'C_SUPPORT', title: 'Cannot print to the 3rd floor', requesterId: 'U_CUST' });
});

test('a 6,000-character title is kept short, never refused', async () => {
  const result = await runCommand(f.deps, customer, `novo ${'a'.repeat(6000)}`, ctx);
  expect(result.type).toBe('done');
  const ticket = result.type === 'done' ? result.ticket! : null;
  expect(ticket!.title.length).toBeLessThanOrEqual(200);
  expect(ticket!.title.endsWith('…')).toBe(true);
});

test('a wrong command comes back as a coded error, nothing thrown', async () => {
  await expect(runCommand(f.deps, customer, 'status #1 maybe', ctx)).resolves.toEqual({ type: 'error', code: 'invalid_status', params: { command: 'status', value: 'maybe' } });
  await expect(runCommand(f.deps, customer, 'what', ctx)).resolves.toMatchObject({ type: 'error', code: 'unknown_command' });
});

test('agents work a ticket end to end through commands, in Portuguese', async () => {
  const opened = await runCommand(f.deps, customer, 'novo Wi-Fi caiu', ctx);
  const n = opened.type === 'done' ? opened.params.number : 0;
  expect(await runCommand(f.deps, agent, `assumir #${n}`, ctx)).toMatchObject({ type: 'done', key: 'replies.claimed' });
  expect(await runCommand(f.deps, agent, `prioridade #${n} alta`, ctx)).toMatchObject({ type: 'done', params: { priority: 'high' } });
  expect(await runCommand(f.deps, agent, `status #${n} pendente`, ctx)).toMatchObject({ type: 'done', params: { status: 'pending' } });
  expect(await runCommand(f.deps, customer, `cc #${n} <@U_BOSS|chefe>`, ctx)).toMatchObject({ type: 'done', params: { people: 'U_BOSS' } });
  expect(await runCommand(f.deps, customer, `fechar ${n}`, ctx)).toMatchObject({ type: 'done', params: { status: 'closed' } });
  expect(await runCommand(f.deps, customer, `reabrir ${n}`, ctx)).toMatchObject({ type: 'done', params: { status: 'open' } });
  const detail = await runCommand(f.deps, customer, `ver ${n}`, ctx);
  expect(detail.type === 'detail' && detail.detail.ticket).toMatchObject({ assigneeId: 'U_AGENT', priority: 'high', ccIds: ['U_BOSS'], status: 'open' });
});

test('lang stores the language and later thread posts use it', async () => {
  expect(await runCommand(f.deps, customer, 'idioma pt-BR', ctx)).toEqual({ type: 'language', locale: 'pt-BR' });
  expect((await f.deps.store.preferences.get('slack:T1', 'U_CUST')).locale).toBe('pt-BR');
  await setLanguage(f.deps, customer, 'en');
  expect((await f.deps.store.preferences.get('slack:T1', 'U_CUST')).locale).toBe('en');
});

test('help and split hints need no database', async () => {
  expect(await runCommand(f.deps, customer, '', ctx)).toEqual({ type: 'help' });
  expect(await runCommand(f.deps, agent, 'dividir', ctx)).toEqual({ type: 'split_hint' });
});
