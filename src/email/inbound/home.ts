import type { PlatformAdapter } from '../../context';
import { PLATFORMS, type MailHome, type Platform } from '../../core';

/** The e-mail home could not be resolved yet: the mail stays retryable (SMTP 451, HTTP 503). */
export class HomeUnavailableError extends Error {}

/**
 * EMAIL_TICKETS_CHANNEL as a home for tickets: `slack:<channel>` is the bot's team, `teams:<conversation>`
 * the tenant of a conversation the bot has seen. Remembered once found; asked again until then.
 */
export function mailHomeResolver(setting: string, chat: readonly PlatformAdapter[]): () => Promise<MailHome> {
  const colon = setting.indexOf(':');
  const platform = setting.slice(0, colon) as Platform;
  const channelId = setting.slice(colon + 1);
  let found: MailHome | null = null;
  return async () => {
    if (found) return found;
    const adapter = chat.find((a) => a.platform === platform);
    if (!PLATFORMS.includes(platform) || !adapter) {
      throw new HomeUnavailableError(`EMAIL_TICKETS_CHANNEL names ${platform}, which is off: turn it on, or name a channel of a platform that is on`);
    }
    const workspaceId = await adapter.workspaceOfChannel?.(channelId);
    if (!workspaceId) {
      throw new HomeUnavailableError(platform === 'teams'
        ? `EMAIL_TICKETS_CHANNEL: the bot has not seen Teams conversation ${channelId} yet; add it to that team (or mention it there once), `
          + 'and mail waiting to be retried will go through'
        : `EMAIL_TICKETS_CHANNEL: the workspace of Slack channel ${channelId} is not known (auth.test named no team)`);
    }
    found = { workspaceId, platform, channelId };
    return found;
  };
}
