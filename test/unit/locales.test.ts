import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tFor } from '../../src/i18n';

const root = path.join(__dirname, '..', '..', 'locales');
const namespaces = readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json'));

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

const load = (lng: string, ns: string) => JSON.parse(readFileSync(path.join(root, lng, ns), 'utf8'));

describe('locales', () => {
  test('en and pt-BR have the same namespaces', () => {
    expect(readdirSync(path.join(root, 'pt-BR')).filter((f) => f.endsWith('.json')).sort()).toEqual([...namespaces].sort());
  });

  test.each(namespaces)('%s has identical keys in en and pt-BR, none empty', (ns) => {
    const en = load('en', ns);
    const pt = load('pt-BR', ns);
    expect(keys(pt).sort()).toEqual(keys(en).sort());
    for (const [lng, data] of [['en', en], ['pt-BR', pt]] as const) {
      for (const key of keys(data)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data);
        expect({ lng, key, ok: typeof value === 'string' && value.trim() !== '' }).toEqual({ lng, key, ok: true });
      }
    }
  });

  test('status words are the contract ones', () => {
    expect(['open', 'pending', 'closed'].map((s) => tFor('en')(`status.${s}`))).toEqual(['Open', 'Pending', 'Closed']);
    expect(['open', 'pending', 'closed'].map((s) => tFor('pt-BR')(`status.${s}`))).toEqual(['Aberto', 'Pendente', 'Fechado']);
  });

  test('nested status words are translated inside sentences', () => {
    expect(tFor('pt-BR')('notices.status_changed_auto', { number: 4, status: 'pending' })).toBe('O #4 agora está pendente.');
    expect(tFor('en')('replies.status_changed', { number: 4, status: 'closed' })).toBe('Ticket #4 is now Closed.');
  });

  test("a language's t resolves the platform namespaces and leaves a caller's explicit lng alone", () => {
    // Slack shows the shortcuts under the manifest's (English) names, whatever the person's language.
    expect(tFor('pt-BR')('slack:split.hint')).toContain('*Split into tickets*');
    expect(tFor('en')('slack:split.hint')).toContain('Split into tickets');
    expect(tFor('en')('status.open', { lng: 'pt-BR' })).toBe('Aberto');
    expect(tFor('pt-BR')('status.open')).toBe('Aberto');
  });

  test('counts take the singular or the plural form', () => {
    expect(tFor('en')('detail.messages', { count: 1 })).toBe('1 message');
    expect(tFor('en')('detail.messages', { count: 3 })).toBe('3 messages');
    expect(tFor('pt-BR')('detail.messages', { count: 1 })).toBe('1 mensagem');
    expect(tFor('pt-BR')('notices.split_done', { count: 2, numbers: '#4, #5' })).toBe('Conversa dividida em 2 chamados: #4, #5.');
    expect(tFor('en')('teams:split.done', { count: 1, numbers: '#4' })).toBe('Created 1 ticket: #4.');
  });
});

describe('the words people read say what happens next', () => {
  const wait = { waitCount: 7, waitUnit: 'days' };
  test('Pending says an answer is expected and when the ticket closes by itself', () => {
    expect(tFor('en')('notices.status_pending', { number: 1, actor: '@ana', ...wait }))
      .toBe('#1 is now Pending (by @ana): we are waiting for your answer here. If nobody answers within 7 days, it closes by itself.');
    expect(tFor('pt-BR')('notices.status_pending', { number: 1, actor: '@ana', waitCount: 1, waitUnit: 'days' }))
      .toBe('O #1 agora está pendente (por @ana): estamos aguardando a sua resposta aqui. Se ninguém responder em 1 dia, ele será fechado automaticamente.');
  });
  test('a close says a reply opens a follow-up; the auto-close says after how long and how to come back', () => {
    expect(tFor('en')('notices.status_closed', { number: 1, actor: '@ana' })).toMatch(/write here and a follow-up ticket will be opened/);
    expect(tFor('pt-BR')('notices.status_closed', { number: 1, actor: '@ana' })).toMatch(/^O #1 agora está fechado .*abrimos uma continuação\.$/);
    expect(tFor('en')('notices.auto_closed', { number: 1, person: '@c', waitCount: 36, waitUnit: 'hours' })).toMatch(/waited 36 hours for an answer .* write here and a follow-up ticket will be opened/);
    expect(tFor('pt-BR')('notices.auto_closed', { number: 1, person: '@c', ...wait })).toMatch(/aguardou 7 dias .*é só escrever aqui que abrimos uma continuação/);
  });
  test('an error about a closed ticket says how to reopen it', () => {
    expect(tFor('en')('errors.ticket_closed', { number: 3 })).toContain('`reopen #3`');
    expect(tFor('pt-BR')('errors.ticket_closed', { number: 3 })).toContain('`reabrir #3`');
  });
});

describe('one vocabulary in Portuguese', () => {
  const ptValues = namespaces.flatMap((ns) => {
    const data = load('pt-BR', ns);
    return keys(data).map((key) => ({ key: `${ns}:${key}`, value: String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data)) }));
  });
  test('chamado, atendente, continuação and você: never ticket (but /ticket and :ticket:), agente, follow-up, meus or assumo', () => {
    const offending = ptValues.filter(({ value }) => /\bticket(s)?\b(?<!\/ticket)(?<!:ticket)|\bagentes?\b|follow-?up|\bmeus?\b|\bassumo\b/i.test(value.replace(/\/ticket|:ticket:|\*Split into tickets\*|\{\{[^}]*\}\}/g, '')));
    expect(offending).toEqual([]);
  });
  test('status words mid-sentence are lower case', () => {
    expect(tFor('pt-BR')('replies.status_changed', { number: 2, status: 'closed' })).toBe('O chamado #2 agora está fechado.');
    expect(tFor('pt-BR')('errors.already_in_status', { number: 2, status: 'open' })).toBe('O chamado #2 já está aberto.');
  });
});
