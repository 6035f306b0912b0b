import { z } from 'zod';
import { isTicketNumber, PRIORITIES } from '../core';
import { ACTIONS } from './ids';

/**
 * The shape of every Slack payload Chamado handles, checked before Bolt or a listener sees it:
 * a well-signed request that does not fit is acknowledged and logged, never thrown on. Fields
 * are required when a listener (or Bolt's own routing) reads them; the rest pass as they are.
 */
const id = z.string().min(1).max(255);
const user = z.object({ id, team_id: id.nullish() }).loose();
const team = z.object({ id }).loose().nullish();
const text = z.string().max(40_000);

const command = z.object({
  command: z.string().min(1).max(100),
  team_id: id,
  user_id: id,
  channel_id: id,
  text: text.optional(),
  trigger_id: z.string().max(255).optional(),
  response_url: z.string().max(2000).optional(),
}).loose();

/** A button's value or a select's option value: `<ticket number>` or `<ticket number>:<priority>`. */
const ticketValue = z.string().regex(/^\d{1,10}$/).refine((v) => isTicketNumber(Number(v)), 'not a ticket number');
const priorityValue = z.string().regex(/^\d{1,10}:[a-z]+$/)
  .refine((v) => isTicketNumber(Number(v.split(':')[0])) && (PRIORITIES as readonly string[]).includes(v.split(':')[1]), 'not a ticket priority');

const OUR_BUTTONS = new Set<string>(Object.values(ACTIONS).filter((a) => a !== ACTIONS.priority && a !== ACTIONS.openWeb));

const action = z.object({
  action_id: z.string().min(1).max(255),
  type: z.string().max(100).optional(),
  value: z.string().max(2000).optional(),
  selected_option: z.object({ value: z.string().max(150) }).loose().nullish(),
}).loose().superRefine((a, ctx) => {
  if (OUR_BUTTONS.has(a.action_id) && !ticketValue.safeParse(a.value).success) ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a ticket number' });
  // "Open in the web" carries the ticket it lands on, or nothing (the Home tab's lands on the list).
  if (a.action_id === ACTIONS.openWeb && a.value !== undefined && !ticketValue.safeParse(a.value).success) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a ticket number' });
  }
  if (a.action_id === ACTIONS.priority && !priorityValue.safeParse(a.selected_option?.value).success) {
    ctx.addIssue({ code: 'custom', path: ['selected_option'], message: 'not a ticket priority' });
  }
});

const blockActions = z.object({
  type: z.literal('block_actions'),
  user,
  team,
  actions: z.array(action).min(1).max(25),
  channel: z.object({ id }).loose().nullish(),
  view: z.object({ id: id.optional(), type: z.string().optional() }).loose().nullish(),
  trigger_id: z.string().max(255).optional(),
  response_url: z.string().max(2000).optional(),
}).loose();

const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  team,
  view: z.object({
    id,
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}).loose())) }).loose(),
  }).loose(),
}).loose();

const globalShortcut = z.object({ type: z.literal('shortcut'), callback_id: id, trigger_id: id, user, team }).loose();

const messageShortcut = z.object({
  type: z.literal('message_action'),
  callback_id: id,
  trigger_id: id,
  user,
  team,
  channel: z.object({ id }).loose(),
  message: z.object({ ts: z.string().min(1).max(100) }).loose(),
}).loose();

/** Events by type; message events are checked by their own handler (several shapes, edits among them). */
const EVENTS: Record<string, z.ZodType> = {
  message: z.object({ type: z.literal('message') }).loose(),
  reaction_added: z.object({
    user: id,
    reaction: z.string().max(255),
    item: z.object({ type: z.string(), channel: id.optional(), ts: z.string().max(100).optional() }).loose(),
  }).loose(),
  app_home_opened: z.object({ user: id, tab: z.string().max(100).optional(), channel: id.optional() }).loose(),
};

const eventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event_id: z.string().max(255).optional(),
  event: z.object({ type: z.string().min(1).max(100) }).loose(),
}).loose();

const INTERACTIVITY: Record<string, z.ZodType> = {
  block_actions: blockActions,
  view_submission: viewSubmission,
  shortcut: globalShortcut,
  message_action: messageShortcut,
};

export type SlackPayloadCheck =
  | { ok: true; kind: string; event?: { type: string } & Record<string, unknown>; teamId?: string }
  | { ok: false; kind: string; fields: string[] };

const fieldsOf = (error: z.ZodError, prefix = '') => [...new Set(error.issues.map((i) => prefix + (i.path.join('.') || '(body)')))].slice(0, 10);

/**
 * What kind of payload this is and whether it fits. `ok: false` with no fields is a kind
 * Chamado has no listener for (it is acknowledged and dropped).
 */
export function checkSlackPayload(body: Record<string, unknown>): SlackPayloadCheck {
  if (typeof body.command === 'string' && body.type === undefined) {
    const parsed = command.safeParse(body);
    return parsed.success ? { ok: true, kind: 'command' } : { ok: false, kind: 'command', fields: fieldsOf(parsed.error) };
  }
  const kind = typeof body.type === 'string' ? body.type : '(none)';
  if (kind === 'event_callback') {
    const envelope = eventCallback.safeParse(body);
    if (!envelope.success) return { ok: false, kind, fields: fieldsOf(envelope.error) };
    const schema = Object.hasOwn(EVENTS, envelope.data.event.type) ? EVENTS[envelope.data.event.type] : undefined;
    const eventKind = `event:${envelope.data.event.type}`;
    if (!schema) return { ok: false, kind: eventKind, fields: [] };
    const event = schema.safeParse(envelope.data.event);
    if (!event.success) return { ok: false, kind: eventKind, fields: fieldsOf(event.error, 'event.') };
    return { ok: true, kind: eventKind, event: envelope.data.event, teamId: envelope.data.team_id };
  }
  const schema = Object.hasOwn(INTERACTIVITY, kind) ? INTERACTIVITY[kind] : undefined;
  if (!schema) return { ok: false, kind, fields: [] };
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, kind } : { ok: false, kind, fields: fieldsOf(parsed.error) };
}
