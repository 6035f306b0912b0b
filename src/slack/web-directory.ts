import type { PeopleDirectory } from '../core';
import type { SlackRuntime } from './runtime';

const NAME_TTL_MS = 60 * 60_000;

/**
 * Slack's side of the web ticket area: agents as chat sees them, display names from users.info
 * (cached), and the card's permalink as the link to the ticket thread.
 */
export function slackDirectory(rt: SlackRuntime): PeopleDirectory {
  const names = new Map<string, { name: string | null; until: number }>();
  const permalinks = new Map<string, string>();

  async function nameOf(userId: string): Promise<string | null> {
    const cached = names.get(userId);
    if (cached && cached.until > Date.now()) return cached.name;
    try {
      const info = await rt.client.users.info({ user: userId });
      const user = info.user;
      const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || null;
      names.set(userId, { name, until: Date.now() + NAME_TTL_MS });
      return name;
    } catch (error) {
      rt.context.log.warn({ platform: 'slack', userId, err: String(error) }, 'could not read a name for the web');
      return cached?.name ?? null;
    }
  }

  return {
    platform: 'slack',
    isAgent: (_workspaceId, userId) => rt.people.isAgent(userId),
    agents: () => rt.people.agentIds(),
    names: async (_workspaceId, userIds) => {
      const found = await Promise.all([...new Set(userIds)].slice(0, 200).map(async (id) => [id, await nameOf(id)] as const));
      return new Map(found.filter((e): e is readonly [string, string] => e[1] !== null));
    },
    threadUrl: async (ticket) => {
      if (!ticket.threadId) return null;
      const key = `${ticket.channelId} ${ticket.threadId}`;
      const known = permalinks.get(key);
      if (known) return known;
      try {
        const answer = await rt.client.chat.getPermalink({ channel: ticket.channelId, message_ts: ticket.threadId });
        if (!answer.permalink) return null;
        permalinks.set(key, answer.permalink);
        return answer.permalink;
      } catch (error) {
        rt.context.log.warn({ platform: 'slack', err: String(error) }, 'could not read the thread permalink for the web');
        return null;
      }
    },
  };
}
