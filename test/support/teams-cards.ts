import type { ConnectorCall } from '../fakes/fake-bot-connector';

// The UMD build parses without a DOM; it ships no types for this entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

export type Card = Record<string, unknown> & { body: Record<string, unknown>[]; actions?: Record<string, unknown>[] };

/** Parses a card with the adaptivecards package and fails on any warning or validation event. */
export function parseCard(card: unknown): Card {
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  parsed.parse(card, ctx);
  const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  events.push(...parsed.validateProperties().validationEvents.map((e) => e.message));
  if (events.length > 0) throw new Error(`card does not parse cleanly: ${events.join('; ')}`);
  const json = card as Card;
  if (json.version !== '1.5') throw new Error(`card version is ${String(json.version)}, not 1.5`);
  return json;
}

type AttachmentLike = { contentType?: string; content?: unknown };

/** The Adaptive Cards in an activity (or a connector call's body), each parsed strictly. */
export function cardsOf(activity: { attachments?: unknown } | Record<string, unknown>): Card[] {
  const attachments = ((activity as { attachments?: AttachmentLike[] }).attachments ?? []);
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => parseCard(a.content));
}

/** Every card the bot posted or updated so far (createConversation bodies carry theirs in `activity`). */
export function everyCard(calls: ConnectorCall[]): Card[] {
  return calls.flatMap((c) => cardsOf((c.body.activity as Record<string, unknown> | undefined) ?? c.body));
}

/** All the text of a card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label']) if (typeof n[key] === 'string') out.push(n[key] as string);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** Action.Submit buttons of a card (anywhere in it) with their data. */
export function buttonsOf(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Submit') out.push({ title: String(n.title), data: (n.data ?? {}) as Record<string, unknown> });
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
