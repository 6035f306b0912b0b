import type { BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { TFunction } from 'i18next';
import { isChamadoError, type Actor } from '../../../core';
import { publishHome } from '../../home';
import type { SlackRuntime } from '../../runtime';
import { caller, tellPrivately } from '../shared';
import { mrkdwnT } from '../../views/mrkdwn';

export type ClickBody = BlockAction<ButtonAction | StaticSelectAction>;

/**
 * A button or select on a card, a notice or the Home tab: the core decides and does the work
 * (it also updates the card and the thread). A refusal goes back privately, in the person's
 * language: ephemeral in a channel, a line on top of the Home tab there.
 */
export async function runAction(rt: SlackRuntime, body: ClickBody, work: (actor: Actor, t: TFunction) => Promise<string | null>): Promise<void> {
  const teamId = body.team?.id ?? body.user.team_id ?? rt.teamId;
  const { actor, t } = await caller(rt, teamId, body.user.id);
  const onHome = body.view?.type === 'home';
  let answer: string | null;
  try {
    answer = await work(actor, t);
  } catch (error) {
    if (!isChamadoError(error)) throw error;
    answer = mrkdwnT(t, `errors.${error.code}`, error.params);
  }
  if (onHome) return publishHome(rt, teamId, actor.userId, () => answer ?? '');
  if (answer && body.channel?.id) await tellPrivately(rt, body.channel.id, actor.userId, answer);
}

/** The ticket number a button carries (`12`, or `12:high` for the priority select). */
export function ticketNumberOf(value: string | undefined): number {
  const n = Number((value ?? '').split(':')[0]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
