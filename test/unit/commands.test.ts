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
    ['status #3', 'invalid_status'],
    ['priority #3 meh', 'invalid_priority'],
    ['lang fr', 'invalid_locale'],
    ['assign #3 maria', 'person_required'],
    ['cc #3', 'person_required'],
    ['list someday', 'invalid_status'],
  ])('%j is refused with %s', (text, code) => {
    expect(errorCode(text)).toBe(code);
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
