import type { PeopleDirectory } from '../core';
import { isConfiguredAgent } from '../people';
import { teamsThreadUrl } from './thread-links';
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
    threadUrl: async (ticket) => teamsThreadUrl(ticket),
  };
}
