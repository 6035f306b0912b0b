import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { changeStatus, claimTicket, isChamadoError, issueWebLink, nudgeTicket, openTicket, reopenOriginal, type Actor, type Status } from '../../core';
import { cardSubmitSchema, type CardSubmit } from '../card-submit';
import { splitConversationId } from '../conversation';
import { sendPrivately } from '../private-reply';
import { errorText, textWithMentions } from '../replies';
import { actorOf, translatorFor, type TeamsContext } from '../turn';


const STATUS_OF: Record<'pending' | 'close' | 'reopen' | 'still_need_help' | 'close_it', Status> = {
  pending: 'pending',
  close: 'closed',
  reopen: 'open',
  still_need_help: 'open',
  close_it: 'closed',
};

/** Carries out a button; returns the line to answer with, or null when the thread post says it all. */
async function perform(teams: TeamsContext, turn: TurnContext, actor: Actor, submit: CardSubmit, t: TFunction): Promise<Partial<Activity> | null> {
  const deps = teams.context.deps;
  switch (submit.chamado) {
    case 'ticket':
      if (submit.op === 'claim') await claimTicket(deps, actor, submit.number);
      else await changeStatus(deps, actor, submit.number, STATUS_OF[submit.op]);
      return null;
    case 'notice':
      if (submit.action === 'reopen_original') await reopenOriginal(deps, actor, submit.number);
      else await changeStatus(deps, actor, submit.number, STATUS_OF[submit.action]);
      return null;
    case 'nudge': {
      const ticket = await nudgeTicket(deps, actor, submit.number);
      return textWithMentions(teams.storage, actor.workspaceId, t, 'replies.nudged', { number: ticket.number });
    }
    case 'new_ticket': {
      const { channelId } = splitConversationId(turn.activity.conversation.id);
      const ticket = await openTicket(deps, { actor, title: submit.title ?? '', channelId });
      teams.context.log.info({ platform: 'teams', ticket: ticket.number }, 'ticket opened from the new-ticket form');
      return MessageFactory.text(t('replies.opened', { number: ticket.number }));
    }
    case 'web': {
      const link = await issueWebLink(deps, actor, { ticketNumber: submit.number ?? null, timeZone: turn.activity.localTimezone ?? null });
      teams.context.log.info({ platform: 'teams', ticket: submit.number ?? null, given: link.type === 'web_link' }, 'web sign-in link asked for by button');
      return MessageFactory.text(link.type === 'web_link'
        ? t('web:chat.link', { url: link.url, minutes: link.minutes })
        : t('web:chat.rate_limited', { minutes: link.minutes }));
    }
  }
}

/** A press on one of our card buttons (a message whose `value` is the button's data). */
export async function handleCardAction(teams: TeamsContext, turn: TurnContext): Promise<void> {
  const actor = await actorOf(teams, turn.activity);
  const t = translatorFor(actor);
  const parsed = cardSubmitSchema.safeParse(turn.activity.value);
  if (!parsed.success) {
    await turn.sendActivity(t('teams:errors.unknown_action'));
    return;
  }
  try {
    const reply = await perform(teams, turn, actor, parsed.data, t);
    if (!reply) return;
    // A sign-in link is for the clicker alone: outside a 1:1 chat it goes to theirs.
    if (parsed.data.chamado === 'web' && turn.activity.conversation.conversationType !== 'personal') {
      const sent = await sendPrivately(teams, turn, reply);
      await turn.sendActivity(MessageFactory.text(t(sent ? 'teams:private.sent' : 'teams:private.unavailable', { prefix: t('teams:prefix') })));
      return;
    }
    await turn.sendActivity(reply);
  } catch (error) {
    if (!isChamadoError(error)) throw error;
    await turn.sendActivity(errorText(t, error.code, error.params));
  }
}
