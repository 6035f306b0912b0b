import type { Config } from './config';
import type { Platform } from './core';

/** Agents named in AGENTS (`platform:userId`). Slack adds the members of SLACK_AGENTS_CHANNEL. */
export function isConfiguredAgent(config: Config, platform: Platform, userId: string): boolean {
  return config.AGENTS.some((a) => a.platform === platform && a.userId === userId);
}
