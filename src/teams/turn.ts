import { TurnContext, type Activity, type CloudAdapter, type Mention } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AppContext } from '../context';
import { resolveLocale, type Actor } from '../core';
import { localeFromPlatform, tFor } from '../i18n';
import { isConfiguredAgent } from '../people';
import { splitConversationId, workspaceOf } from './conversation';
import type { Person, TeamsStorage } from './storage';

/** Everything the Teams handlers and the deliverer share. */
export interface TeamsContext {
  context: AppContext;
  adapter: CloudAdapter;
  /** Empty when Teams runs unauthenticated (Emulator, local tests). */
  appId: string;
  storage: TeamsStorage;
}

/** The person acting in this turn, with their language and whether they are an agent. */
export async function actorOf(teams: TeamsContext, activity: Partial<Activity>): Promise<Actor> {
  const workspaceId = workspaceOf(activity);
  const userId = activity.from?.id ?? '';
  const locale = await resolveLocale(teams.context.deps, workspaceId, userId, localeFromPlatform(activity.locale));
  return { workspaceId, platform: 'teams', userId, isAgent: isConfiguredAgent(teams.context.config, 'teams', userId), locale };
}

export const translatorFor = (actor: Pick<Actor, 'locale'>): TFunction => tFor(actor.locale);

const mentionsOf = (activity: Partial<Activity>): Mention[] =>
  (activity.entities ?? []).filter((e): e is Mention => e.type === 'mention' && Boolean((e as Mention).mentioned?.id));

export const mentionsBot = (activity: Partial<Activity>) =>
  mentionsOf(activity).some((m) => m.mentioned.id === activity.recipient?.id);

/**
 * The command line of a message: the bot's own mention removed, every other `<at>Name</at>`
 * turned into the `<@id>` form the core grammar reads, markup dropped.
 */
export function commandText(turn: TurnContext): string {
  const activity = turn.activity;
  let text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  for (const mention of mentionsOf(activity)) {
    if (mention.mentioned.id === activity.recipient?.id || !mention.text) continue;
    text = text.split(mention.text).join(` <@${mention.mentioned.id}> `);
  }
  return text.replace(/<(?!@)[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Every turn: remember where this conversation is and who the people in it are called. */
export async function rememberTurn(teams: TeamsContext, turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  const workspaceId = workspaceOf(activity);
  const { channelId } = splitConversationId(activity.conversation.id);
  const reference = TurnContext.getConversationReference(activity);
  const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
  await teams.storage.saveConversation(workspaceId, channelId, {
    reference: { ...reference, conversation: { ...reference.conversation!, id: channelId }, activityId: undefined },
    teamsChannelId: channelData?.channel?.id ?? null,
    conversationType: activity.conversation.conversationType ?? null,
  });
  const people: Person[] = mentionsOf(activity).map((m) => ({ id: m.mentioned.id, name: m.mentioned.name }));
  if (activity.from?.id && activity.from.name) people.push({ id: activity.from.id, name: activity.from.name });
  await teams.storage.rememberPeople(workspaceId, people.filter((p) => p.id !== activity.recipient?.id));
}
