import { stripQuotes } from '../../../src/email/inbound/strip-quotes';
import { mailTitle } from '../../../src/core';
import { ccsOf, MAX_MAIL_CCS } from '../../../src/core/use-cases/inbound-mail';

describe('stripQuotes keeps only the new words of a mail', () => {
  test.each([
    ['Gmail, one line', 'Thanks!\n\nOn Mon, 1 Dec 2026 at 10:00, Support <s@x.example> wrote:\n> old', 'Thanks!'],
    ['Gmail, header wrapped over two lines', 'Thanks!\n\nOn Mon, 1 Dec 2026 at 10:00, Support Team\n<s@x.example> wrote:\n> old', 'Thanks!'],
    ['Gmail in Portuguese', 'Obrigada!\n\nEm seg., 1 de dez. de 2026 às 10:00, Suporte <s@x.example> escreveu:\n> antigo', 'Obrigada!'],
    ['Outlook header block', 'Done.\r\n\r\nFrom: Support <s@x.example>\r\nSent: Monday, December 1, 2026 10:00\r\nTo: Ana\r\nSubject: RE: x\r\n\r\nold', 'Done.'],
    ['Outlook in Portuguese, bold labels', 'Feito.\n\n*De:* Suporte <s@x.example>\n*Enviado:* segunda-feira\n*Para:* Ana\n*Assunto:* x\n\nantigo', 'Feito.'],
    ['Outlook rule', 'Done.\n\n________________________________\nFrom: Support\nold', 'Done.'],
    ['-----Original Message-----', 'See below.\n\n-----Original Message-----\nFrom: x', 'See below.'],
    ['-----Mensagem original-----', 'Veja abaixo.\n\n-----Mensagem original-----\nDe: x', 'Veja abaixo.'],
    ['signature', 'Hello\n\n-- \nAna Souza\nAccounts', 'Hello'],
    ['phone signature in Portuguese', 'Oi\n\nEnviado do meu iPhone', 'Oi'],
    ['inline > quotes', '> what broke?\nThe printer.\n> when?\nToday.', 'The printer.\nToday.'],
  ])('%s', (_name, text, expected) => {
    expect(stripQuotes(text)).toBe(expected);
  });

  test('a mail with nothing quoted is kept whole, inner blank lines too', () => {
    expect(stripQuotes('First line.\n\nSecond paragraph mentions From: the boss.\n')).toBe('First line.\n\nSecond paragraph mentions From: the boss.');
  });
});

test('mailTitle drops Re:/Fwd:/RES:/ENC: prefixes, repeated and in any case', () => {
  expect(mailTitle('RE: Fwd: re: ENC: res: Printer')).toBe('Printer');
  expect(mailTitle('Fw: [#12] Printer')).toBe('[#12] Printer');
  expect(mailTitle('Re:')).toBe('');
  expect(mailTitle('Resumo do mês')).toBe('Resumo do mês');
});

test('a mail to a whole list adds at most MAX_MAIL_CCS CCs, each once, lower case, never the excluded', () => {
  const others = [...Array.from({ length: 80 }, (_, i) => `p${i}@x.example`), 'P1@X.example', 'me@x.example'];
  const ccs = ccsOf({ others }, (id) => id === 'email:me@x.example');
  expect(ccs).toHaveLength(MAX_MAIL_CCS);
  expect(new Set(ccs).size).toBe(MAX_MAIL_CCS);
  expect(ccs[0]).toBe('email:p0@x.example');
  expect(ccs).not.toContain('email:me@x.example');
});
