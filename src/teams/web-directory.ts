import type { PeopleDirectory } from '../core';
import { isConfiguredAgent } from '../people';
import type { TeamsContext } from './turn';

/**
 * Teams' side of the web ticket area: agents from AGENTS, the names Teams activities taught us,
 * and a deep link to the ticket's thread.
 */
export function teamsDirectory(teams: TeamsContext): PeopleDirectory {
  const { config } = teams.context;
  return {
    platform: 'teams',
    isAgent: async (_workspaceId, userId) => isConfiguredAgent(config, 'teams', userId),
    agents: async () => config.AGENTS.filter((a) => a.platform === 'teams').map((a) => a.userId),
    names: async (workspaceId, userIds) => {
      const all = await teams.storage.namesOf(workspaceId, userIds);
      // namesOf maps an id it never saw to itself: that is no name.
      return new Map([...all].filter(([id, name]) => name !== id));
    },
    threadUrl: async (ticket) => {
      if (!ticket.threadId) return null;
      const tenant = ticket.workspaceId.replace(/^teams:/, '');
      const channel = encodeURIComponent(ticket.channelId);
      const message = encodeURIComponent(ticket.threadId);
      return `https://teams.microsoft.com/l/message/${channel}/${message}?tenantId=${encodeURIComponent(tenant)}&parentMessageId=${message}`;
    },
  };
}
