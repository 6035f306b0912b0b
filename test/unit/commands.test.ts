import { parseCommand, ChamadoError } from '../../src/core';

const errorCode = (text: string) => {
  try {
    parseCommand(text);
  } catch (e) {
    return (e as ChamadoError).code;
  }
  return 'parsed';
};

describe('command grammar', () => {
  test.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['AJUDA', { name: 'help' }],
    ['list', { name: 'list', filter: 'active' }],
    ['lista pendentes', { name: 'list', filter: 'pending' }],
    ['list all', { name: 'list', filter: 'all' }],
    ['lista fechado', { name: 'list', filter: 'closed' }],
    ['show #12', { name: 'show', number: 12 }],
    ['ver 7', { name: 'show', number: 7 }],
    ['status #3 pending', { name: 'status', number: 3, status: 'pending' }],
    ['status 3 Fechado', { name: 'status', number: 3, status: 'closed' }],
    ['close #4', { name: 'close', number: 4 }],
    ['fechar 4', { name: 'close', number: 4 }],
    ['reabrir #4', { name: 'reopen', number: 4 }],
    ['claim 9', { name: 'claim', number: 9 }],
    ['assumir #9', { name: 'claim', number: 9 }],
    ['assign #9 <@U123|maria>', { name: 'assign', number: 9, userId: 'U123' }],
    ['atribuir 9 <@29:1abc-def>', { name: 'assign', number: 9, userId: '29:1abc-def' }],
    ['cc #2 <@U1|Ana Maria> <@U2> <@U1>', { name: 'cc', number: 2, userIds: ['U1', 'U2'] }],
    ['uncc #2 <@U1>', { name: 'uncc', number: 2, userIds: ['U1'] }],
    ['priority #5 urgent', { name: 'priority', number: 5, priority: 'urgent' }],
    ['prioridade 5 alta', { name: 'priority', number: 5, priority: 'high' }],
    ['nudge #5', { name: 'nudge', number: 5 }],
    ['cobrar 5', { name: 'nudge', number: 5 }],
    ['lang pt-BR', { name: 'lang', locale: 'pt-BR' }],
    ['idioma en', { name: 'lang', locale: 'en' }],
    ['split', { name: 'split' }],
    ['dividir', { name: 'split' }],
    ['new', { name: 'new', title: null }],
    ['novo   Impressora   parada ', { name: 'new', title: 'Impressora   parada' }],
    ['search printer   jam', { name: 'search', words: 'printer jam' }],
    ['buscar Impressão', { name: 'search', words: 'Impressão' }],
    ['queue', { name: 'queue', filter: 'active' }],
    ['fila', { name: 'queue', filter: 'active' }],
    ['queue unassigned', { name: 'queue', filter: 'unassigned' }],
    ['fila sem-atendente', { name: 'queue', filter: 'unassigned' }],
    ['fila pendentes', { name: 'queue', filter: 'pending' }],
    ['queue open', { name: 'queue', filter: 'open' }],
    ['whoami', { name: 'whoami' }],
    ['quemsou', { name: 'whoami' }],
  ])('%j parses', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  test.each([
    ['frobnicate 3', 'unknown_command'],
    ['show', 'bad_arguments'],
    ['show twelve', 'bad_arguments'],
    ['show #0', 'bad_arguments'],
    ['show #12 extra', 'bad_arguments'],
    ['status #3 maybe', 'invalid_status'],
    ['status #3', 'status_required'],
    ['priority #3', 'priority_required'],
    ['assign #3 @maria', 'mention_typed'],
    ['assign #3 @Maria Silva', 'mention_typed'],
    ['cc #3 <@U1> @joao', 'mention_typed'],
    ['search', 'search_words_required'],
    ['buscar   ', 'search_words_required'],
    ['queue closed', 'invalid_queue_filter'],
    ['fila #3', 'invalid_queue_filter'],
    ['queue open extra', 'bad_arguments'],
    ['whoami please', 'bad_arguments'],
    ['priority #3 meh', 'invalid_priority'],
    ['lang fr', 'invalid_locale'],
    ['assign #3 maria', 'person_required'],
    ['cc #3', 'person_required'],
    ['list someday', 'invalid_status'],
  ])('%j is refused with %s', (text, code) => {
    expect(errorCode(text)).toBe(code);
  });

  test('status with no status says which ticket it was about, so the answer can list the choices', () => {
    try {
      parseCommand('status #7');
      throw new Error('should not parse');
    } catch (e) {
      expect((e as ChamadoError).params).toEqual({ command: 'status', number: 7 });
    }
  });

  test('a typed @name is quoted back in the error', () => {
    try {
      parseCommand('atribuir #7 @joana');
      throw new Error('should not parse');
    } catch (e) {
      expect((e as ChamadoError).params).toMatchObject({ command: 'assign', value: '@joana' });
    }
  });

  test('search words are cut at a sane length, never refused', () => {
    const parsed = parseCommand(`search ${'palavra '.repeat(100)}`);
    expect(parsed.name === 'search' && [...parsed.words].length).toBe(200);
  });

  test('a very long unknown word is cut in the error', () => {
    try {
      parseCommand('x'.repeat(500));
      throw new Error('should not parse');
    } catch (e) {
      expect((e as ChamadoError).params.value).toHaveLength(40);
    }
  });
});
