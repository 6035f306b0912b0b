import type { TFunction } from 'i18next';
import type { Actor } from '../../core';
import { tFor } from '../../i18n';
import type { SlackRuntime } from '../runtime';

export interface Caller {
  actor: Actor;
  t: TFunction;
}

/** The person behind a request, as the core sees them, and their language. */
export async function caller(rt: SlackRuntime, teamId: string, userId: string): Promise<Caller> {
  const actor = await rt.people.actor(rt.context.deps, teamId, userId);
  return { actor, t: tFor(actor.locale) };
}

/** A private line to one person in a channel; a failure to say it is logged, never thrown. */
export async function tellPrivately(rt: SlackRuntime, channel: string, user: string, text: string, threadTs?: string | null): Promise<void> {
  try {
    await rt.client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } catch (error) {
    rt.context.log.warn({ platform: 'slack', channel, err: String(error) }, 'could not post an ephemeral message');
  }
}
