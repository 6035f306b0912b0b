import type { TFunction } from 'i18next';
import { homeView } from '../core';
import { caller } from './listeners/shared';
import type { SlackRuntime } from './runtime';
import { renderHome } from './views/home';

/** Publishes a person's App Home tab; `banner` answers what they just did there. */
export async function publishHome(rt: SlackRuntime, teamId: string, userId: string, banner?: (t: TFunction) => string): Promise<void> {
  const { actor, t } = await caller(rt, teamId, userId);
  const view = await homeView(rt.context.deps, actor);
  await rt.client.views.publish({ user_id: userId, view: renderHome(t, userId, view, banner?.(t)) });
}
