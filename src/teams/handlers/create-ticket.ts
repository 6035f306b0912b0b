import type { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { cleanTitle, isChamadoError, openTicket } from '../../core';
import { workspaceOf } from '../conversation';
import { createTicketForm } from '../cards/forms';
import { actorOf, translatorFor, type TeamsContext } from '../turn';
import { pickedMessage, taskCard, taskMessage } from './message-payload';

/** The title a message suggests: its first line, short enough for a title. */
const suggestedTitle = (text: string) => {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  try {
    return cleanTitle(first.length > 120 ? `${first.slice(0, 119)}…` : first);
  } catch {
    return '';
  }
};

/** `createTicket` opened on a message: the form, its title prefilled from the message. */
export async function fetchCreateTicket(teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const t = translatorFor(await actorOf(teams, turn.activity));
  const picked = pickedMessage(turn.activity, action, turn.activity.from.id);
  if (!picked) return taskMessage(t('teams:errors.no_message'));
  return taskCard(t('teams:form.create_heading'), createTicketForm(t, suggestedTitle(picked.message.text)));
}

const formData = z.object({ title: z.string().max(2000).default('') }).passthrough();

/** The form submitted: the ticket opens with that message (clean text, files, links) as its first entry. */
export async function submitCreateTicket(teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const actor = await actorOf(teams, turn.activity);
  const t = translatorFor(actor);
  const picked = pickedMessage(turn.activity, action, actor.userId);
  const data = formData.safeParse(action.data ?? {});
  if (!picked || !data.success) return taskMessage(t('teams:errors.no_message'));
  const { message, authorName } = picked;
  if (authorName) await teams.storage.rememberPeople(workspaceOf(turn.activity), [{ id: message.authorId, name: authorName }]);
  try {
    const ticket = await openTicket(teams.context.deps, {
      actor,
      title: data.data.title,
      channelId: message.channelId,
      source: { channelId: message.channelId, threadId: message.threadId ?? message.id },
      messages: [message],
    });
    teams.context.log.info({ platform: 'teams', ticket: ticket.number }, 'ticket opened from a message');
    return taskMessage(t('teams:created', { number: ticket.number, title: ticket.title }));
  } catch (error) {
    if (!isChamadoError(error)) throw error;
    return taskCard(t('teams:form.create_heading'), createTicketForm(t, data.data.title, t(`errors.${error.code}`, error.params)));
  }
}
