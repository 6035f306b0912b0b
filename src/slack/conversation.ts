import type { WebClient } from './client';
import { slackMessageSchema, type SlackMessage } from './messages';

const AROUND = 50;

function parseMessages(raw: unknown[] | undefined): SlackMessage[] {
  return (raw ?? []).flatMap((m) => {
    const parsed = slackMessageSchema.safeParse(m);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The conversation a message belongs to: its thread (the root and every reply), or for a lone
 * top-level message the channel messages around it. `threadId` is where a split summary goes.
 */
export async function fetchConversation(client: WebClient, channel: string, message: SlackMessage): Promise<{ threadId: string; messages: SlackMessage[] }> {
  const root = message.thread_ts ?? (message.reply_count ? message.ts : null);
  if (root) {
    const replies = await client.conversations.replies({ channel, ts: root, limit: 200 });
    return { threadId: root, messages: parseMessages(replies.messages) };
  }
  const [before, after] = await Promise.all([
    client.conversations.history({ channel, latest: message.ts, inclusive: true, limit: AROUND }),
    client.conversations.history({ channel, oldest: message.ts, inclusive: false, limit: AROUND - 1 }),
  ]);
  const byTs = new Map<string, SlackMessage>();
  for (const m of [...parseMessages(before.messages), ...parseMessages(after.messages)]) byTs.set(m.ts, m);
  const messages = [...byTs.values()].sort((a, b) => Number(a.ts) - Number(b.ts));
  return { threadId: message.ts, messages };
}

/** One message by its ts: from the channel's history, or from its thread when it is a reply. */
export async function fetchMessage(client: WebClient, channel: string, ts: string, threadTs: string | null): Promise<SlackMessage | null> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = parseMessages(history.messages).find((m) => m.ts === ts);
  if (found) return found;
  const replies = await client.conversations.replies({ channel, ts: threadTs ?? ts, latest: ts, inclusive: true, limit: 200 });
  return parseMessages(replies.messages).find((m) => m.ts === ts) ?? null;
}
