import type { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { isChamadoError, MAX_SPLIT_SLOTS, splitConversation, SplitSlotError, type Actor, type ChatMessage } from '../../core';
import { splitForm, type SplitFormValues } from '../cards/forms';
import { actorOf, translatorFor, type TeamsContext } from '../turn';
import { pickedMessage, rootOf, taskCard, taskMessage, type PickedMessage } from './message-payload';

const THREAD_LIMIT = 100;

/** The thread's messages Chamado has received; the picked message is kept first, so it is always there. */
async function threadMessages(teams: TeamsContext, actor: Actor, picked: PickedMessage): Promise<ChatMessage[]> {
  const { conversationLog } = teams.context.platformRecords;
  await conversationLog.record(actor.workspaceId, 'teams', picked.message);
  if (picked.authorName) await teams.storage.rememberPeople(actor.workspaceId, [{ id: picked.message.authorId, name: picked.authorName }]);
  return conversationLog.thread(actor.workspaceId, picked.message.channelId, rootOf(picked.message), THREAD_LIMIT);
}

async function form(teams: TeamsContext, actor: Actor, t: TFunction, messages: ChatMessage[], values?: SplitFormValues, error?: string): Promise<MessagingExtensionActionResponse> {
  const names = await teams.storage.namesOf(actor.workspaceId, messages.map((m) => m.authorId));
  return taskCard(t('teams:split.heading'), splitForm(t, messages, names, values, error ?? null));
}

async function prepare(teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction) {
  const actor = await actorOf(teams, turn.activity);
  const t = translatorFor(actor);
  const picked = pickedMessage(turn.activity, action, actor.userId);
  return { actor, t, picked };
}

/** `splitConversation` on a message: agents get the thread's messages and five ticket slots. */
export async function fetchSplit(teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const { actor, t, picked } = await prepare(teams, turn, action);
  if (!actor.isAgent) return taskMessage(t('errors.agents_only'));
  if (!picked) return taskMessage(t('teams:errors.no_message'));
  return form(teams, actor, t, await threadMessages(teams, actor, picked));
}

const slotValues = z.record(z.string(), z.unknown()).transform((data) => {
  const values: SplitFormValues = {};
  for (let k = 1; k <= MAX_SPLIT_SLOTS; k++) {
    for (const key of [`title_${k}`, `messages_${k}`]) {
      const value = data[key];
      if (typeof value === 'string') values[key] = value.slice(0, 5000);
    }
  }
  return values;
});

/** The split submitted: exactly Slack's rules, errors shown back in the form in the person's language. */
export async function submitSplit(teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const { actor, t, picked } = await prepare(teams, turn, action);
  if (!actor.isAgent) return taskMessage(t('errors.agents_only'));
  const values = slotValues.safeParse(action.data ?? {});
  if (!picked || !values.success) return taskMessage(t('teams:errors.no_message'));
  const messages = await threadMessages(teams, actor, picked);
  const slots = Array.from({ length: MAX_SPLIT_SLOTS }, (_, i) => ({
    title: values.data[`title_${i + 1}`] ?? '',
    // A multi-select arrives as one comma-separated string of choice values.
    messageIds: (values.data[`messages_${i + 1}`] ?? '').split(',').map((id) => id.trim()).filter(Boolean),
  }));
  try {
    const tickets = await splitConversation(teams.context.deps, {
      actor,
      channelId: picked.message.channelId,
      threadId: rootOf(picked.message),
      slots,
      messages,
    });
    teams.context.log.info({ platform: 'teams', tickets: tickets.map((x) => x.number) }, 'conversation split');
    return taskMessage(t('teams:split.done', { count: tickets.length, numbers: tickets.map((x) => `#${x.number}`).join(', ') }));
  } catch (error) {
    if (!isChamadoError(error)) throw error;
    const line = t(`errors.${error.code}`, error.params);
    const shown = error instanceof SplitSlotError ? t('teams:split.slot_error', { slot: error.slot, error: line }) : line;
    return form(teams, actor, t, messages, values.data, shown);
  }
}
