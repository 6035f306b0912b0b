import type { App } from '@slack/bolt';
import { publishHome } from '../../home';
import type { SlackRuntime } from '../../runtime';

/** Opening the app's Home tab shows the person's tickets. */
export function registerAppHomeOpened(app: App, rt: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab && event.tab !== 'home') return;
    await publishHome(rt, body.team_id ?? rt.teamId, event.user);
  });
}
