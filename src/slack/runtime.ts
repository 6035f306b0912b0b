import type { ThreadMessageInput, ThreadMessageOutcome } from '../core';
import type { AppContext } from '../context';
import type { WebClient } from './client';
import type { SlackPeople } from './people';

/** What every Slack listener and the deliverer share. */
export interface SlackRuntime {
  context: AppContext;
  client: WebClient;
  people: SlackPeople;
  botUserId: string;
  /** The bot's own team (auth.test): the fallback when a payload names none. */
  teamId: string;
  /** Stores a reply in a ticket thread; replies arriving together share a transaction. */
  recordThreadMessage: (input: ThreadMessageInput) => Promise<ThreadMessageOutcome>;
}
