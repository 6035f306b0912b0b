import { z } from 'zod';
import { ChamadoError } from './errors';
import { LOCALES, MAX_TICKET_NUMBER, PRIORITIES, STATUSES, type Locale, type Priority, type Status } from './ticket';

/**
 * The command grammar shared by Slack (`/ticket …`) and Teams (`@Chamado …`), English and
 * Portuguese words alike. Adapters turn platform mentions into `<@userId>` before parsing.
 */
export type ListFilter = Status | 'all' | 'active';
/** `queue`: not closed (`active`), or only open, pending or unassigned ones. */
export type QueueFilter = 'active' | 'open' | 'pending' | 'unassigned';

/** Longest search text kept; longer input is cut, never refused. */
export const MAX_SEARCH_LENGTH = 200;

export type Command =
  | { name: 'help' }
  | { name: 'new'; title: string | null }
  | { name: 'list'; filter: ListFilter }
  | { name: 'show'; number: number }
  | { name: 'status'; number: number; status: Status }
  | { name: 'close'; number: number }
  | { name: 'reopen'; number: number }
  | { name: 'claim'; number: number }
  | { name: 'assign'; number: number; userId: string }
  | { name: 'cc'; number: number; userIds: string[] }
  | { name: 'uncc'; number: number; userIds: string[] }
  | { name: 'priority'; number: number; priority: Priority }
  | { name: 'nudge'; number: number }
  | { name: 'lang'; locale: Locale }
  | { name: 'split' }
  | { name: 'search'; words: string }
  | { name: 'queue'; filter: QueueFilter }
  | { name: 'whoami' }

  | { name: 'web' };

export type CommandName = Command['name'];

const ALIASES: Record<string, CommandName> = {
  help: 'help', ajuda: 'help', '?': 'help',
  new: 'new', novo: 'new', nova: 'new', abrir: 'new',
  list: 'list', lista: 'list', listar: 'list',
  show: 'show', ver: 'show', mostrar: 'show',
  status: 'status', estado: 'status',
  close: 'close', fechar: 'close',
  reopen: 'reopen', reabrir: 'reopen',
  claim: 'claim', assumir: 'claim',
  assign: 'assign', atribuir: 'assign',
  cc: 'cc', copiar: 'cc',
  uncc: 'uncc', removercc: 'uncc', descopiar: 'uncc',
  priority: 'priority', prioridade: 'priority',
  nudge: 'nudge', cobrar: 'nudge',
  lang: 'lang', language: 'lang', idioma: 'lang',
  split: 'split', dividir: 'split',
  search: 'search', buscar: 'search', busca: 'search', procurar: 'search',
  queue: 'queue', fila: 'queue',
  whoami: 'whoami', quemsou: 'whoami',
  web: 'web',
};

const STATUS_WORDS: Record<string, Status> = {
  open: 'open', aberto: 'open', aberta: 'open',
  pending: 'pending', pendente: 'pending', aguardando: 'pending',
  closed: 'closed', close: 'closed', fechado: 'closed', fechada: 'closed',
};

const FILTER_WORDS: Record<string, ListFilter> = {
  ...STATUS_WORDS,
  abertos: 'open', pendentes: 'pending', fechados: 'closed',
  all: 'all', todos: 'all', todas: 'all',
};

const QUEUE_WORDS: Record<string, QueueFilter> = {
  open: 'open', aberto: 'open', aberta: 'open', abertos: 'open',
  pending: 'pending', pendente: 'pending', pendentes: 'pending',
  unassigned: 'unassigned', 'sem-atendente': 'unassigned', sematendente: 'unassigned', livre: 'unassigned', livres: 'unassigned',
};

const PRIORITY_WORDS: Record<string, Priority> = {
  low: 'low', baixa: 'low',
  normal: 'normal', média: 'normal', media: 'normal',
  high: 'high', alta: 'high',
  urgent: 'urgent', urgente: 'urgent',
};

const LOCALE_WORDS: Record<string, Locale> = {
  en: 'en', english: 'en', inglês: 'en', ingles: 'en', 'en-us': 'en',
  'pt-br': 'pt-BR', pt: 'pt-BR', portuguese: 'pt-BR', português: 'pt-BR', portugues: 'pt-BR',
};

const ticketNumber = z
  .string()
  .regex(/^#?\d{1,10}$/)
  .transform((s) => Number(s.replace('#', '')))
  .pipe(z.number().int().positive().max(MAX_TICKET_NUMBER));

const MENTION = /^<@([^|>\s]+)(?:\|[^>]*)?>$/;
const person = z.string().regex(MENTION).transform((s) => MENTION.exec(s)![1]);

/**
 * A person argument. `@maria` typed as text (no pick from the platform's suggestions) arrives
 * without an id, so it gets its own error that says how to make a real mention.
 */
function personArg(value: string | undefined, command: CommandName): string {
  const result = person.safeParse(value ?? '');
  if (result.success) return result.data;
  if (value?.startsWith('@')) throw new ChamadoError('mention_typed', { command, value: value.slice(0, 40) });
  throw new ChamadoError('person_required', { command, value: value ?? '' });
}

const word = <T extends string>(table: Record<string, T>) =>
  z.string().transform((s, ctx) => {
    const value = table[s.toLowerCase()];
    if (!value) {
      ctx.addIssue({ code: 'custom', message: s });
      return z.NEVER;
    }
    return value;
  });

/** Splits on white space but keeps each `<@…|Some Name>` mention whole. */
function tokenize(text: string): string[] {
  return text.match(/<[^>]*>|\S+/g) ?? [];
}

type ArgSpec = { usage: string; parse: (args: string[], rest: string) => Command };

const need = <T>(
  schema: z.ZodType<T>, value: string | undefined,
  code: 'bad_arguments' | 'invalid_status' | 'invalid_priority' | 'invalid_locale' | 'person_required' | 'invalid_queue_filter', command: CommandName,
): T => {
  const result = schema.safeParse(value ?? '');
  if (!result.success) throw new ChamadoError(code, { command, value: value ?? '' });
  return result.data;
};

const noExtra = (args: string[], count: number, command: CommandName) => {
  if (args.length > count) throw new ChamadoError('bad_arguments', { command, value: args.slice(count).join(' ') });
};

const withNumber = (name: 'show' | 'close' | 'reopen' | 'claim' | 'nudge'): ArgSpec['parse'] => (args) => {
  noExtra(args, 1, name);
  return { name, number: need(ticketNumber, args[0], 'bad_arguments', name) } as Command;
};

const people = (name: 'cc' | 'uncc'): ArgSpec['parse'] => (args) => {
  const number = need(ticketNumber, args[0], 'bad_arguments', name);
  if (args.length < 2) throw new ChamadoError('person_required', { command: name });
  const userIds = args.slice(1).map((a) => personArg(a, name));
  return { name, number, userIds: [...new Set(userIds)] };
};

const GRAMMAR: Record<CommandName, ArgSpec['parse']> = {
  help: () => ({ name: 'help' }),
  split: () => ({ name: 'split' }),
  web: (args) => {
    noExtra(args, 0, 'web');
    return { name: 'web' };
  },
  new: (_args, rest) => ({ name: 'new', title: rest.trim() === '' ? null : rest.trim() }),
  list: (args) => {
    noExtra(args, 1, 'list');
    return { name: 'list', filter: args[0] ? need(word(FILTER_WORDS), args[0], 'invalid_status', 'list') : 'active' };
  },
  show: withNumber('show'),
  close: withNumber('close'),
  reopen: withNumber('reopen'),
  claim: withNumber('claim'),
  nudge: withNumber('nudge'),
  status: (args) => {
    noExtra(args, 2, 'status');
    const number = need(ticketNumber, args[0], 'bad_arguments', 'status');
    if (args[1] === undefined) throw new ChamadoError('status_required', { command: 'status', number });
    return { name: 'status', number, status: need(word(STATUS_WORDS), args[1], 'invalid_status', 'status') };
  },
  assign: (args) => {
    const number = need(ticketNumber, args[0], 'bad_arguments', 'assign');
    // Checked before the argument count: a typed `@Maria Silva` is two words.
    const userId = personArg(args[1], 'assign');
    noExtra(args, 2, 'assign');
    return { name: 'assign', number, userId };
  },
  cc: people('cc'),
  uncc: people('uncc'),
  priority: (args) => {
    noExtra(args, 2, 'priority');
    const number = need(ticketNumber, args[0], 'bad_arguments', 'priority');
    if (args[1] === undefined) throw new ChamadoError('priority_required', { command: 'priority', number });
    return { name: 'priority', number, priority: need(word(PRIORITY_WORDS), args[1], 'invalid_priority', 'priority') };
  },
  search: (_args, rest) => {
    const words = rest.replace(/\s+/g, ' ').trim();
    if (words === '') throw new ChamadoError('search_words_required', { command: 'search' });
    return { name: 'search', words: [...words].slice(0, MAX_SEARCH_LENGTH).join('') };
  },
  queue: (args) => {
    noExtra(args, 1, 'queue');
    return { name: 'queue', filter: args[0] ? need(word(QUEUE_WORDS), args[0], 'invalid_queue_filter', 'queue') : 'active' };
  },
  whoami: (args) => {
    noExtra(args, 0, 'whoami');
    return { name: 'whoami' };
  },
  lang: (args) => {
    noExtra(args, 1, 'lang');
    return { name: 'lang', locale: need(word(LOCALE_WORDS), args[0], 'invalid_locale', 'lang') };
  },
};

/** Parses one command line; a wrong command or argument throws a coded ChamadoError. */
export function parseCommand(input: string): Command {
  const text = input.replace(/\u00a0/g, ' ').trim();
  if (text === '') return { name: 'help' };
  const [head, ...args] = tokenize(text);
  const name = ALIASES[head.toLowerCase()];
  if (!name) throw new ChamadoError('unknown_command', { value: head.slice(0, 40) });
  const rest = text.slice(text.indexOf(head) + head.length);
  return GRAMMAR[name](args, rest);
}

export const COMMAND_NAMES = Object.keys(GRAMMAR) as CommandName[];
export { STATUSES, PRIORITIES, LOCALES };
