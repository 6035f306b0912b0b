import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { changeStatus, claimTicket, isChamadoError, nudgeTicket, openTicket, reopenOriginal, type Actor, type Status } from '../../core';
import { splitConversationId } from '../conversation';
import { errorText, textWithMentions } from '../replies';
import { actorOf, translatorFor, type TeamsContext } from '../turn';

const number = z.coerce.number().int().positive();

/** What our Action.Submit buttons send back (see CardSubmit in cards/card.ts), checked before use. */
const cardSubmit = z.discriminatedUnion('chamado', [
  z.object({ chamado: z.literal('ticket'), op: z.enum(['claim', 'pending', 'close', 'reopen']), number }),
  z.object({ chamado: z.literal('nudge'), number }),
  z.object({ chamado: z.literal('notice'), action: z.enum(['still_need_help', 'close_it', 'reopen_original']), number }),
  z.object({ chamado: z.literal('new_ticket'), title: z.string().max(2000).optional() }),
]);

type Submit = z.infer<typeof cardSubmit>;

const STATUS_OF: Record<'pending' | 'close' | 'reopen' | 'still_need_help' | 'close_it', Status> = {
  pending: 'pending',
  close: 'closed',
  reopen: 'open',
  still_need_help: 'open',
  close_it: 'closed',
};

/** Carries out a button; returns the line to answer with, or null when the thread post says it all. */
async function perform(teams: TeamsContext, context: TurnContext, actor: Actor, submit: Submit, t: TFunction): Promise<Partial<Activity> | null> {
  const deps = teams.app.deps;
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
      const { channelId } = splitConversationId(context.activity.conversation.id);
      const ticket = await openTicket(deps, { actor, title: submit.title ?? '', channelId });
      teams.app.log.info({ platform: 'teams', ticket: ticket.number }, 'ticket opened from the new-ticket form');
      return MessageFactory.text(t('replies.opened', { number: ticket.number }));
    }
  }
}

/** A press on one of our card buttons (a message whose `value` is the button's data). */
export async function handleCardAction(teams: TeamsContext, context: TurnContext): Promise<void> {
  const actor = await actorOf(teams, context.activity);
  const t = translatorFor(actor);
  const parsed = cardSubmit.safeParse(context.activity.value);
  if (!parsed.success) {
    await context.sendActivity(t('teams:errors.unknown_action'));
    return;
  }
  try {
    const reply = await perform(teams, context, actor, parsed.data, t);
    if (reply) await context.sendActivity(reply);
  } catch (error) {
    if (!isChamadoError(error)) throw error;
    await context.sendActivity(errorText(t, error.code, error.params));
  }
}
