/**
 * Malformed and hostile Bot Framework activities for POST /api/messages (Teams unauthenticated,
 * as in local tests). `base` is a well-formed channel message; each case breaks one thing.
 */
export type Json = Record<string, unknown>;

export interface TeamsCase {
  name: string;
  /** A raw body (not JSON), or a change to a well-formed activity. */
  raw?: string;
  change?: (activity: Json) => Json;
}

const HUGE = 1e20;
const PAST_INT = 2_147_483_648;
const set = (name: string, patch: Json): TeamsCase => ({ name, change: (a) => ({ ...a, ...patch }) });
const drop = (name: string, key: string): TeamsCase => ({ name, change: (a) => { const c = { ...a }; delete c[key]; return c; } });
const invoke = (name: string, invokeName: string, value: unknown): TeamsCase => ({ name, change: (a) => ({ ...a, type: 'invoke', name: invokeName, value }) });
const cardPress = (name: string, value: unknown): TeamsCase => ({ name, change: (a) => { const c: Json = { ...a, value }; delete c.text; return c; } });

export const TEAMS_MALFORMED: TeamsCase[] = [
  { name: 'empty body', raw: '' },
  { name: 'truncated JSON', raw: '{"type":"message",' },
  { name: 'JSON null', raw: 'null' },
  { name: 'JSON array', raw: '[]' },
  { name: 'JSON string', raw: '"message"' },
  { name: 'deeply nested', raw: '['.repeat(5000) + ']'.repeat(5000) },
  drop('type missing', 'type'),
  set('type a number', { type: 5 }),
  set('type unknown', { type: 'somethingNew' }),
  drop('conversation missing', 'conversation'),
  set('conversation null', { conversation: null }),
  set('conversation id a number', { conversation: { id: 5 } }),
  set('serviceUrl not a URL', { serviceUrl: 'javascript:alert(1)' }),
  drop('serviceUrl missing', 'serviceUrl'),
  set('locale a number', { locale: 5 }),
  set('locale an object', { locale: { lang: 'pt-BR' } }),
  set('entities a string', { entities: 'mention' }),
  set('entities holding null', { entities: [null] }),
  set('entity type a number', { entities: [{ type: 5 }] }),
  set('mention without mentioned', { entities: [{ type: 'mention', text: '<at>x</at>' }] }),
  drop('recipient missing', 'recipient'),
  set('recipient null', { recipient: null }),
  drop('from missing', 'from'),
  set('from id a number', { from: { id: 5 } }),
  set('text a number', { text: 5 }),
  set('attachments a string', { attachments: 'file' }),
  set('channelData a string', { channelData: 'x' }),
  set('timestamp not a date', { timestamp: 'yesterday' }),
  set('timestamp a number', { timestamp: 5 }),
  set('timestamp past year 275760', { timestamp: '+300000-01-01T00:00:00Z' }),
  set('conversationUpdate membersAdded a string', { type: 'conversationUpdate', membersAdded: 'everyone' }),
  set('conversationUpdate membersAdded holding null', { type: 'conversationUpdate', membersAdded: [null] }),
  set('conversationUpdate member without id', { type: 'conversationUpdate', membersAdded: [{}] }),
  invoke('fetchTask value null', 'composeExtension/fetchTask', null),
  invoke('fetchTask value a string', 'composeExtension/fetchTask', 'x'),
  invoke('fetchTask commandId a number', 'composeExtension/fetchTask', { commandId: 5, commandContext: 'message' }),
  invoke('fetchTask unknown command', 'composeExtension/fetchTask', { commandId: 'nope', commandContext: 'message' }),
  invoke('fetchTask messagePayload null', 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'message', messagePayload: null }),
  invoke('submitAction value null', 'composeExtension/submitAction', null),
  invoke('submitAction data null', 'composeExtension/submitAction', { commandId: 'createTicket', data: null }),
  invoke('submitAction data title a number', 'composeExtension/submitAction', { commandId: 'createTicket', data: { title: 5 }, messagePayload: { id: '1' } }),
  invoke('split submit slots of wrong types', 'composeExtension/submitAction', { commandId: 'splitConversation', data: { title_1: [], messages_1: 5 } }),
  invoke('unknown invoke', 'task/whatever', { x: 1 }),
  invoke('invoke without name', '', null),
  cardPress('card action number 1e20', { chamado: 'ticket', op: 'claim', number: HUGE }),
  cardPress('card action number past the integer column', { chamado: 'ticket', op: 'close', number: PAST_INT }),
  cardPress('card action number negative', { chamado: 'ticket', op: 'pending', number: -1 }),
  cardPress('card action number a string', { chamado: 'nudge', number: '1' }),
  cardPress('card action number fractional', { chamado: 'notice', action: 'close_it', number: 1.5 }),
  cardPress('card action unknown op', { chamado: 'ticket', op: 'delete', number: 1 }),
  cardPress('card action value an array', [1, 2]),
  cardPress('new_ticket card without title', { chamado: 'new_ticket' }),
  cardPress('new_ticket card title an object', { chamado: 'new_ticket', title: { a: 1 } }),
];

/** Commands with hostile words: answered, a ticket opened, the words kept as text. */
export const TEAMS_HOSTILE_TITLES: { name: string; title: string; stored: string }[] = [
  { name: 'markdown link', title: '[click](https://evil.example) now', stored: '[click](https://evil.example) now' },
  { name: 'bold and heading', title: '# **urgent**', stored: '# **urgent**' },
  { name: 'NUL inside', title: 'no\u0000nul', stored: 'nonul' },
  { name: 'right-to-left override', title: '\u202Etxt.exe', stored: '\u202Etxt.exe' },
];
