import type { Config } from '../config';
import { addressOf, isEmailPerson, resolveLocale, type Actor, type Locale, type UseCaseDeps } from '../core';
import { localeFromPlatform } from '../i18n';
import type { Logger } from '../logger';
import { isConfiguredAgent } from '../people';
import type { WebClient } from './client';

const MEMBERS_TTL_MS = 5 * 60_000;
const PROFILE_TTL_MS = 60 * 60_000;

interface Cached<T> {
  value: T;
  until: number;
}

/** What users.info tells about a person: their language, the name people know them by, their time zone. */
export interface SlackProfile {
  locale: Locale | null;
  name: string | null;
  /** IANA zone of the Slack profile (`tz`), when Slack gives one. */
  timeZone: string | null;
}

interface UsersInfoUser {
  name?: string;
  real_name?: string;
  tz?: string;
  locale?: string;
  profile?: { display_name?: string; real_name?: string };
}

/**
 * Who is an agent (AGENTS plus the members of SLACK_AGENTS_CHANNEL) and which language a
 * person's Slack profile speaks. Both come from the Web API, so both are cached for a while;
 * a failed refresh keeps the last good answer.
 */
export class SlackPeople {
  private members: Cached<Set<string>> | null = null;
  private membersLoading: Promise<Set<string>> | null = null;
  private readonly profiles = new Map<string, Cached<SlackProfile>>();
  /** `workspace user` pairs whose Slack locale this process has already stored. */
  private readonly stored = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  async isAgent(userId: string): Promise<boolean> {
    if (isConfiguredAgent(this.config, 'slack', userId)) return true;
    return (await this.channelAgents()).has(userId);
  }

  /** Everyone who counts as an agent, for "mention the agents". */
  async agentIds(): Promise<string[]> {
    const configured = this.config.AGENTS.filter((a) => a.platform === 'slack').map((a) => a.userId);
    return [...new Set([...configured, ...(await this.channelAgents())])];
  }

  private async channelAgents(): Promise<Set<string>> {
    const channel = this.config.SLACK_AGENTS_CHANNEL;
    if (!channel) return new Set();
    if (this.members && this.members.until > Date.now()) return this.members.value;
    this.membersLoading ??= this.loadMembers(channel).finally(() => { this.membersLoading = null; });
    return this.membersLoading;
  }

  private async loadMembers(channel: string): Promise<Set<string>> {
    try {
      const ids = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await this.client.conversations.members({ channel, cursor, limit: 1000 });
        for (const id of page.members ?? []) ids.add(id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      this.members = { value: ids, until: Date.now() + MEMBERS_TTL_MS };
      return ids;
    } catch (error) {
      // Without the scope nobody becomes an agent, quietly: that is the operator's to fix, now.
      if ((error as { data?: { error?: string } }).data?.error === 'missing_scope') {
        this.log.error(
          { platform: 'slack', channel, needed: 'channels:read,groups:read' },
          'cannot read SLACK_AGENTS_CHANNEL: the Slack app lacks the channels:read and groups:read scopes, so nobody there counts as an agent; ' +
            'add them (or update the app from manifest/slack/manifest.json) and reinstall the app',
        );
        return this.members?.value ?? new Set();
      }
      this.log.warn({ platform: 'slack', channel, err: String(error) }, 'could not read the agents channel members');
      return this.members?.value ?? new Set();
    }
  }

  /** The Slack profile's locale (users.info include_locale), when it is one we speak. */
  async detectedLocale(userId: string): Promise<Locale | null> {
    return (await this.profile(userId)).locale;
  }

  /** One users.info per person per hour serves their locale, name and time zone; a failure keeps the last answer. */
  async profile(userId: string): Promise<SlackProfile> {
    const cached = this.profiles.get(userId);
    if (cached && cached.until > Date.now()) return cached.value;
    try {
      const info = await this.client.users.info({ user: userId, include_locale: true });
      const user = (info.user ?? {}) as UsersInfoUser;
      const value: SlackProfile = {
        locale: localeFromPlatform(user.locale),
        name: user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || null,
        timeZone: user.tz || null,
      };
      this.profiles.set(userId, { value, until: Date.now() + PROFILE_TTL_MS });
      return value;
    } catch (error) {
      this.log.warn({ platform: 'slack', userId, err: String(error) }, 'could not read the user profile');
      return cached?.value ?? { locale: null, name: null, timeZone: null };
    }
  }

  /** Display names by user id, for text where a mention cannot render (modal options); unknown ids map to themselves. */
  async names(userIds: readonly string[]): Promise<Map<string, string>> {
    // An e-mail person is named by their address; Slack knows nothing of them.
    const unique = [...new Set(userIds)].filter((id) => !isEmailPerson(id));
    const byMail = userIds.filter(isEmailPerson).map((id) => [id, addressOf(id)] as const);
    const profiles = await Promise.all(unique.map((id) => this.profile(id)));
    return new Map([...unique.map((id, i) => [id, profiles[i].name ?? id] as const), ...byMail]);
  }

  /** The person's profile time zone, when a users.info call has shown it. */
  timeZoneOf(userId: string): string | null {
    return this.profiles.get(userId)?.value.timeZone ?? null;
  }

  /**
   * Stores a person's Slack locale once per process, so thread posts to someone who never typed
   * a command (a customer replying in a thread) still come in their language.
   */
  async rememberLocale(deps: UseCaseDeps, workspaceId: string, userId: string): Promise<void> {
    const key = `${workspaceId} ${userId}`;
    if (this.stored.has(key)) return;
    const detected = await this.detectedLocale(userId);
    if (detected) await resolveLocale(deps, workspaceId, userId, detected);
    this.stored.add(key);
  }

  /** The core's Actor for a Slack user of a workspace (team). */
  async actor(deps: UseCaseDeps, teamId: string, userId: string): Promise<Actor> {
    const workspaceId = workspaceOf(teamId);
    const [isAgent, detected] = await Promise.all([this.isAgent(userId), this.detectedLocale(userId)]);
    const locale = await resolveLocale(deps, workspaceId, userId, detected);
    return { workspaceId, platform: 'slack', userId, isAgent, locale };
  }
}

export const workspaceOf = (teamId: string) => `slack:${teamId}`;
