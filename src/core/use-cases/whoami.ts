import type { Actor } from '../ticket';

export interface Identity {
  /** The person's id as AGENTS writes it: `slack:U…`, `teams:29:…`. */
  agentsEntry: string;
  isAgent: boolean;
}

/** `whoami`: who the bot thinks I am, so an admin can add me to AGENTS. */
export function whoAmI(actor: Actor): Identity {
  return { agentsEntry: `${actor.platform}:${actor.userId}`, isAgent: actor.isAgent };
}
