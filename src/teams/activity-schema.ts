import { z } from 'zod';
import { isTicketNumber } from '../core';

/**
 * The shape of every activity Chamado handles, checked before botbuilder or a handler sees it;
 * anything else is a 400 and a log line. Fields are required where botbuilder or a handler
 * reads them without looking; the rest pass as they are.
 */
const id = z.string().min(1).max(1000);
const account = z.object({ id, name: z.string().max(1000).nullish() }).loose();

const entity = z.object({ type: z.string().max(100) }).loose().refine(
  (e) => e.type !== 'mention' || account.safeParse((e as { mentioned?: unknown }).mentioned).success,
  { message: 'a mention without the person mentioned', path: ['mentioned'] },
);

/** The invokes Chamado answers; botbuilder answers any other with 501. */
export const HANDLED_INVOKES = ['composeExtension/fetchTask', 'composeExtension/submitAction'] as const;

const extensionAction = z.object({
  commandId: z.string().max(200),
  commandContext: z.string().max(100).optional(),
  data: z.record(z.string(), z.unknown()).nullish(),
  messagePayload: z.object({}).loose().nullish(),
}).loose();

/** A card button's value: when it names a ticket, the number must be one there can be. */
const cardValue = z.object({ number: z.unknown().optional() }).loose().refine(
  (v) => !('number' in v) || (typeof v.number === 'number' && isTicketNumber(v.number)),
  { message: 'not a ticket number', path: ['number'] },
);

/** A time the platform says something happened; one that is not a real date is dropped (the handler uses now). */
const when = z.unknown().transform((v) => {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && Math.abs(ms - Date.now()) < 100 * 365 * 24 * 3600 * 1000 ? v : undefined;
});

export const inboundActivity = z
  .object({
    type: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    channelId: z.string().max(100).optional(),
    conversation: z.object({ id, conversationType: z.string().max(100).nullish(), tenantId: z.string().max(500).nullish() }).loose(),
    from: account,
    recipient: account,
    id: z.string().max(500).optional(),
    replyToId: z.string().max(500).optional(),
    text: z.string().max(100_000).optional(),
    locale: z.string().max(100).optional(),
    entities: z.array(entity).max(100).optional(),
    attachments: z.array(z.object({}).loose()).max(50).optional(),
    channelData: z.object({}).loose().optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    timestamp: when.optional(),
    localTimestamp: when.optional(),
    value: z.unknown().optional(),
  })
  .loose()
  .superRefine((a, ctx) => {
    if (a.type === 'invoke') {
      if (!(HANDLED_INVOKES as readonly string[]).includes(a.name ?? '')) ctx.addIssue({ code: 'custom', path: ['name'], message: 'an invoke Chamado does not handle' });
      else if (!extensionAction.safeParse(a.value).success) ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a message extension action' });
    }
    if (a.type === 'message' && a.value !== undefined && a.value !== null) {
      const value = cardValue.safeParse(a.value);
      if (!value.success) ctx.addIssue({ code: 'custom', path: ['value', ...value.error.issues[0].path.map(String)], message: value.error.issues[0].message });
    }
  })
  .transform((a) => {
    // A dropped time is removed, not left as undefined, so botbuilder sees no field at all.
    if (a.timestamp === undefined) delete a.timestamp;
    if (a.localTimestamp === undefined) delete a.localTimestamp;
    return a;
  });

export type InboundActivity = z.infer<typeof inboundActivity>;
