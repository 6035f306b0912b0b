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
    expect(tFor('pt-BR')('notices.status_changed_auto', { number: 4, status: 'pending' })).toBe('#4 agora está Pendente.');
    expect(tFor('en')('replies.status_changed', { number: 4, status: 'closed' })).toBe('Ticket #4 is now Closed.');
  });

  test("a language's t resolves the platform namespaces and leaves a caller's explicit lng alone", () => {
    expect(tFor('pt-BR')('slack:split.hint')).toContain('Dividir em chamados');
    expect(tFor('en')('slack:split.hint')).toContain('Split into tickets');
    expect(tFor('en')('status.open', { lng: 'pt-BR' })).toBe('Aberto');
    expect(tFor('pt-BR')('status.open')).toBe('Aberto');
  });

  test('counts take the singular or the plural form', () => {
    expect(tFor('en')('detail.messages', { count: 1 })).toBe('1 message');
    expect(tFor('en')('detail.messages', { count: 3 })).toBe('3 messages');
    expect(tFor('pt-BR')('detail.messages', { count: 1 })).toBe('1 mensagem');
    expect(tFor('pt-BR')('notices.split_done', { count: 2, numbers: '#4, #5' })).toBe('Conversa dividida em 2 tickets: #4, #5.');
    expect(tFor('en')('teams:split.done', { count: 1, numbers: '#4' })).toBe('Created 1 ticket: #4.');
  });
});
