import type { Config } from '../config';
import type { PeopleDirectory, Platform } from '../core';
import { isConfiguredAgent } from '../people';

/** A platform that is off here: agents from AGENTS, no names, no thread links. */
export function fallbackDirectory(config: Config, platform: Platform): PeopleDirectory {
  return {
    platform,
    isAgent: async (_workspaceId, userId) => isConfiguredAgent(config, platform, userId),
    names: async () => new Map(),
    agents: async () => config.AGENTS.filter((a) => a.platform === platform).map((a) => a.userId),
    threadUrl: async () => null,
  };
}
