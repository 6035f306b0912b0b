import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../runtime';
import { registerAddToTicketShortcut } from './shortcuts/add-to-ticket';
import { registerAddToTicketSubmission } from './submissions/add-to-ticket';
import { registerClaimButtons } from './actions/claim';
import { registerHomeNudge } from './actions/home-nudge';
import { registerOpenWeb } from './actions/open-web';
import { registerPrioritySelect } from './actions/priority';
import { registerReopenOriginal } from './actions/reopen-original';
import { registerStatusButtons } from './actions/status-buttons';
import { registerTicketCommand } from './commands/ticket';
import { registerAppHomeOpened } from './events/app-home-opened';
import { registerReactionAdded } from './events/reaction-added';
import { registerCreateTicketShortcut } from './shortcuts/create-ticket';
import { registerNewTicketShortcut } from './shortcuts/new-ticket';
import { registerSplitShortcut } from './shortcuts/split-conversation';
import { registerSplitSubmission } from './submissions/split-conversation';
import { registerTicketFormSubmission } from './submissions/ticket-form';

/** Every Slack listener, one per file. `message` events skip Bolt: SlackInbound hands them to events/message.ts. */
export function registerListeners(app: App, rt: SlackRuntime): void {
  registerTicketCommand(app, rt);
  registerCreateTicketShortcut(app, rt);
  registerSplitShortcut(app, rt);
  registerNewTicketShortcut(app, rt);
  registerTicketFormSubmission(app, rt);
  registerSplitSubmission(app, rt);
  registerReactionAdded(app, rt);
  registerAppHomeOpened(app, rt);
  registerStatusButtons(app, rt);
  registerClaimButtons(app, rt);
  registerPrioritySelect(app, rt);
  registerReopenOriginal(app, rt);
  registerHomeNudge(app, rt);
  registerOpenWeb(app, rt);
  registerAddToTicketShortcut(app, rt); registerAddToTicketSubmission(app, rt);
}
