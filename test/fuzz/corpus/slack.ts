/**
 * Hostile and malformed Slack requests, all correctly signed: what a careless client or an
 * attacker holding the signing secret of a test workspace could send. Each case says what it
 * must leave behind: nothing (`stores: false`) unless it is a real request with hostile text.
 */
export interface SlackCase {
  name: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  body: string;
}

const json = (name: string, value: unknown): SlackCase => ({ name, contentType: 'application/json', body: typeof value === 'string' ? value : JSON.stringify(value) });
const form = (name: string, fields: Record<string, string>): SlackCase => ({
  name, contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString(),
});
const interaction = (name: string, payload: unknown): SlackCase => form(name, { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

const HUGE_NUMBER = '99999999999999999999';
const PAST_INT = '2147483648';
const envelope = (event: unknown) => ({
  token: 't', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvFuzz${Math.random().toString(36).slice(2)}`, event_time: 1, event,
});
const user = { id: 'U_AGENT', team_id: 'T1' };
const team = { id: 'T1', domain: 'x' };
const click = (actions: unknown, extra: Record<string, unknown> = {}) => ({ type: 'block_actions', user, team, trigger_id: 't', response_url: 'https://hooks.example/x', container: { type: 'message' }, channel: { id: 'C_FUZZ' }, actions, ...extra });
const button = (actionId: string, value: unknown) => ({ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' });
const command = (fields: Record<string, string>) => form(`command ${JSON.stringify(fields).slice(0, 60)}`, { token: 't', team_id: 'T1', channel_id: 'C_FUZZ', user_id: 'U_CUST', command: '/ticket', text: '', response_url: 'https://hooks.example/c', trigger_id: 't', ...fields });

export const SLACK_MALFORMED: SlackCase[] = [
  // Bodies that are not JSON, or not objects.
  json('empty JSON body', ''),
  json('truncated JSON', '{"type":"event_callback","event":'),
  json('JSON null', 'null'),
  json('JSON array', '[]'),
  json('JSON string', '"event_callback"'),
  json('JSON number', '12'),
  json('type is a number', { type: 5 }),
  json('deeply nested', '['.repeat(5000) + ']'.repeat(5000)),
  json('a NUL byte in raw JSON', '{"type":"event_callback","event":{"type":"message","text":"a\u0000b"}}'),
  form('empty form', {}),
  form('form without command or payload', { a: 'b' }),
  form('payload is not JSON', { payload: '{' }),
  form('payload is null', { payload: 'null' }),
  form('payload is an array', { payload: '[1,2]' }),
  // event_callback with the event missing or mistyped.
  json('event null', envelope(null)),
  json('event missing', { type: 'event_callback', team_id: 'T1' }),
  json('event a string', envelope('message')),
  json('event type a number', envelope({ type: 7 })),
  json('event of an unknown type', envelope({ type: 'tokens_revoked', tokens: null })),
  json('message with ts not a time', envelope({ type: 'message', channel: 'C_FUZZ', user: 'U_CUST', ts: 'abc', text: 'x', thread_ts: '1.1' })),
  json('message with an impossible ts', envelope({ type: 'message', channel: 'C_FUZZ', user: 'U_CUST', ts: `${HUGE_NUMBER}.000001`, text: 'x', thread_ts: '1.1' })),
  json('message without channel', envelope({ type: 'message', user: 'U_CUST', ts: '1.2', text: 'x' })),
  json('message user a number', envelope({ type: 'message', channel: 'C_FUZZ', user: 5, ts: '1.3', text: 'x', thread_ts: '1.1' })),
  json('message text an object', envelope({ type: 'message', channel: 'C_FUZZ', user: 'U_CUST', ts: '1.4', text: { a: 1 }, thread_ts: '1.1' })),
  json('message files not an array', envelope({ type: 'message', channel: 'C_FUZZ', user: 'U_CUST', ts: '1.5', text: 'x', files: 'f', thread_ts: '1.1' })),
  json('message edit without message', envelope({ type: 'message', subtype: 'message_changed', channel: 'C_FUZZ', message: null })),
  json('reaction_added without item', envelope({ type: 'reaction_added', user: 'U_AGENT', reaction: 'ticket' })),
  json('reaction_added item null', envelope({ type: 'reaction_added', user: 'U_AGENT', reaction: 'ticket', item: null })),
  json('reaction_added user null', envelope({ type: 'reaction_added', user: null, reaction: 'ticket', item: { type: 'message', channel: 'C_FUZZ', ts: '1.1' } })),
  json('app_home_opened without user', envelope({ type: 'app_home_opened', tab: 'home' })),
  json('app_home_opened user an object', envelope({ type: 'app_home_opened', tab: 'home', user: { id: 'U' } })),
  // Interactivity.
  interaction('block_actions without user', { type: 'block_actions', team, actions: [button('card_claim', '1')] }),
  interaction('block_actions user null', click([button('card_claim', '1')], { user: null })),
  interaction('block_actions without actions', { type: 'block_actions', user, team }),
  interaction('block_actions actions empty', click([])),
  interaction('block_actions action null', click([null])),
  interaction('button value of 20 digits', click([button('card_claim', HUGE_NUMBER)])),
  interaction('button value past the integer column', click([button('card_close', PAST_INT)])),
  interaction('button value negative', click([button('card_pending', '-1')])),
  interaction('button value zero', click([button('card_reopen', '0')])),
  interaction('button value in exponent form', click([button('home_nudge', '1e3')])),
  interaction('button value a number, not a string', click([button('card_claim', 1)])),
  interaction('button value markup', click([button('card_claim', '<!channel>')])),
  interaction('priority without selected_option', click([{ type: 'static_select', action_id: 'card_priority', block_id: 'b', action_ts: '1' }])),
  interaction('priority selected_option null', click([{ type: 'static_select', action_id: 'card_priority', selected_option: null, action_ts: '1' }])),
  interaction('priority of a 20-digit ticket', click([{ type: 'static_select', action_id: 'card_priority', selected_option: { value: `${HUGE_NUMBER}:high` }, action_ts: '1' }])),
  interaction('priority word unknown', click([{ type: 'static_select', action_id: 'card_priority', selected_option: { value: '1:bogus' }, action_ts: '1' }])),
  interaction('view_submission without team or user team', {
    type: 'view_submission', user: { id: 'U_CUST' }, view: { id: 'V', callback_id: 'new_ticket', private_metadata: '{}', state: { values: {} } },
  }),
  interaction('view_submission view null', { type: 'view_submission', user, team, view: null }),
  interaction('view_submission without state', { type: 'view_submission', user, team, view: { id: 'V', callback_id: 'new_ticket' } }),
  interaction('view_submission values null', { type: 'view_submission', user, team, view: { id: 'V', callback_id: 'create_ticket', state: { values: null } } }),
  interaction('view_submission metadata not JSON', {
    type: 'view_submission', user, team,
    view: { id: 'V', callback_id: 'create_ticket', private_metadata: '{', state: { values: { title: { title: { type: 'plain_text_input', value: 'x' } } } } },
  }),
  interaction('view_submission split metadata wrong', {
    type: 'view_submission', user, team, view: { id: 'V', callback_id: 'split_conversation', private_metadata: '[]', state: { values: {} } },
  }),
  interaction('view_submission unknown callback', { type: 'view_submission', user, team, view: { id: 'V', callback_id: 'nope', state: { values: {} } } }),
  interaction('view_closed', { type: 'view_closed', user, team, view: null }),
  interaction('global shortcut without trigger_id', { type: 'shortcut', callback_id: 'new_ticket', user, team }),
  interaction('global shortcut without user', { type: 'shortcut', callback_id: 'new_ticket', trigger_id: 't', team }),
  interaction('message shortcut without message', { type: 'message_action', callback_id: 'create_ticket', trigger_id: 't', user, team, channel: { id: 'C_FUZZ' } }),
  interaction('message shortcut message null', {
    type: 'message_action', callback_id: 'split_conversation', trigger_id: 't', user, team, channel: { id: 'C_FUZZ' }, message: null,
  }),
  interaction('message shortcut channel missing', { type: 'message_action', callback_id: 'create_ticket', trigger_id: 't', user, team, message: { ts: '1.1', text: 'x' } }),
  interaction('block_suggestion', { type: 'block_suggestion', user, team, action_id: 'x', value: 'y' }),
  interaction('unknown interaction type', { type: 'dialog_submission', user, team, submission: null }),
  // Slash commands.
  form('command without user', { command: '/ticket', text: 'list', team_id: 'T1', channel_id: 'C' }),
  command({ text: `show #${HUGE_NUMBER}` }),
  command({ text: `close #${PAST_INT}` }),
  command({ text: 'show #99999999999' }),
  command({ text: 'priority #4294967296 high' }),
  command({ text: 'status #-1 closed' }),
  command({ text: 'assign #1 <@U_X|<!channel>>' }),
];

/** Real requests whose words are hostile: they open a ticket, with the words kept as text. */
export const SLACK_HOSTILE_TITLES: { name: string; title: string; stored: string }[] = [
  { name: 'channel-wide mention', title: '<!channel> printer down', stored: '<!channel> printer down' },
  { name: 'here and everyone', title: '<!here> <!everyone> x', stored: '<!here> <!everyone> x' },
  { name: 'user mention', title: 'ping <@U_AGENT> now', stored: 'ping <@U_AGENT> now' },
  { name: 'masked link', title: '<https://evil.example|click me> please', stored: '<https://evil.example|click me> please' },
  { name: 'ampersand entity', title: 'a &lt; b &amp; c', stored: 'a &lt; b &amp; c' },
  { name: 'NUL inside', title: 'no\u0000nul', stored: 'nonul' },
  { name: 'right-to-left override', title: '\u202Egnp.exe report', stored: '\u202Egnp.exe report' },
  { name: 'markdown of Teams', title: '**bold** [link](https://evil.example) _x_', stored: '**bold** [link](https://evil.example) _x_' },
];
